/** Numbers put into texts are formatted for the UI language, never inserted as raw digits. */
import { describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';

import arStaff from './ar/staff.json';
import ar from './ar/translation.json';
import deStaff from './de/staff.json';
import de from './de/translation.json';
import enStaff from './en/staff.json';
import en from './en/translation.json';
import zhHansStaff from './zh-Hans/staff.json';
import zhHans from './zh-Hans/translation.json';

type Tree = { [key: string]: string | Tree };

function texts(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) =>
    typeof value === 'string' ? [value] : texts(value),
  );
}

const FILES = { en, enStaff, de, deStaff, zhHans, zhHansStaff, ar, arStaff } as Record<
  string,
  Tree
>;

describe('number placeholders', () => {
  it.each(Object.keys(FILES))(
    '%s has no raw {{count}} (i18next would insert 12000 as is)',
    (file) => {
      const raw = texts(FILES[file] as Tree).filter((text) => text.includes('{{count}}'));
      expect(raw).toEqual([]);
    },
  );

  it('formats a count with the UI language’s digit grouping', async () => {
    await i18n.changeLanguage('de');
    expect(i18n.t('staffCertificates.count', { count: 12000 })).toBe('12.000 Zertifikate');
    await i18n.changeLanguage('en');
    expect(i18n.t('staffCertificates.count', { count: 12000 })).toBe('12,000 certificates');
  });
});
