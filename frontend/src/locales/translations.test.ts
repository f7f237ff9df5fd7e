/** Every language has every English key, really translated where the text is more than a name. */
import { describe, expect, it } from 'vitest';

import arPlayer from './ar/package-player.json';
import arStaff from './ar/staff.json';
import ar from './ar/translation.json';
import dePlayer from './de/package-player.json';
import deStaff from './de/staff.json';
import de from './de/translation.json';
import enPlayer from './en/package-player.json';
import enStaff from './en/staff.json';
import en from './en/translation.json';
import zhHansPlayer from './zh-Hans/package-player.json';
import zhHansStaff from './zh-Hans/staff.json';
import zhHans from './zh-Hans/translation.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else
      for (const [innerKey, innerValue] of flatten(value, path)) entries.set(innerKey, innerValue);
  }
  return entries;
}

// The staff pages' texts are a file of their own (loaded with those pages), and so are the package
// player page's (src/package-runtime, outside the SPA); all are checked.
const english = new Map([
  ...flatten(en),
  ...flatten(enStaff),
  ...flatten({ packagePlayer: enPlayer }),
]);
// Texts that are the same in some languages on purpose (brand names, placeholders, cognates).
const ALLOWED_SAME_AS_ENGLISH = new Set([
  'app.name',
  'app.documentTitle',
  'common.optional',
  'profile.membershipOrganization',
  'lessonKind.video',
  'lessonKind.quiz',
  // Words German shares with English, and a label made only of placeholders.
  'nav.studio',
  'staff.navLabel',
  'studio.title',
  'studio.history.version',
  'studio.history.export',
  'analytics.status',
  'staffCertificates.status',
  'bulkVerify.status',
  'bulkEnrol.name',
  'studio.translate.question.prompt',
  'lesson.speedOption',
  'studio.elearning.standard',
  'courseImport.kind.video',
  'courseImport.report.status',
  'courseImport.progressStage',
  'courseImport.report.option',
  // "Webhooks" is German too; a dash for "none" and "ms" are the same everywhere.
  'webhooks.nav',
  'webhooks.title',
  'webhooks.delivery.none',
  'webhooks.delivery.milliseconds',
  // "Organisation" and OAuth's "Scopes" are German too.
  'ssoAdmin.organization',
  'ssoAdmin.scopes',
]);

// i18next plural keys end in a CLDR category; each language needs its own set of them.
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** The English keys as this language must have them: plural keys in the language's own forms. */
function expectedKeys(language: string): string[] {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of english.keys()) {
    if (PLURAL_SUFFIX.test(key)) {
      const base = key.replace(PLURAL_SUFFIX, '');
      for (const category of categories) keys.add(`${base}_${category}`);
    } else keys.add(key);
  }
  return [...keys].sort();
}

describe.each([
  ['zh-Hans', zhHans, zhHansStaff, zhHansPlayer],
  ['de', de, deStaff, dePlayer],
  ['ar', ar, arStaff, arPlayer],
] as const)('%s translation', (language, translation, staffTranslation, playerTranslation) => {
  const translated = new Map([
    ...flatten(translation),
    ...flatten(staffTranslation),
    ...flatten({ packagePlayer: playerTranslation }),
  ]);

  it('has exactly the English keys, with its own plural forms', () => {
    expect([...translated.keys()].sort()).toEqual(expectedKeys(language));
  });

  it('translates every text', () => {
    const untranslated = [...english].filter(
      ([key, text]) => translated.get(key) === text && !ALLOWED_SAME_AS_ENGLISH.has(key),
    );
    expect(untranslated).toEqual([]);
  });

  it('keeps every {{placeholder}}', () => {
    for (const [key, text] of english) {
      // Plural forms such as Arabic "two" may spell the number out; "other" must show it.
      const translatedKey = PLURAL_SUFFIX.test(key) ? key.replace(PLURAL_SUFFIX, '_other') : key;
      const placeholders = text.match(/{{\w+}}/g) ?? [];
      for (const placeholder of placeholders)
        expect(translated.get(translatedKey)).toContain(placeholder);
    }
  });
});
