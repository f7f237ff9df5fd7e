/** The shared formatters: every number, percentage, date, duration and name per UI language. */
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';

import {
  formatClock,
  formatDate,
  formatDecimal,
  formatDuration,
  formatNumberRange,
  formatPercent,
  formatShortDate,
  languageDisplayName,
} from './format';
import { i18n } from './i18n';
import type { Language } from './languages';
import { useFormat } from './use-format';

describe('formatDecimal', () => {
  it.each<[Language, string, string]>([
    ['en', '1120.000000', '1,120'],
    ['de', '1120.000000', '1.120'],
    ['zh-Hans', '1120.000000', '1,120'],
    ['ar', '1120.000000', '1,120'],
    ['en', '12.500000', '12.5'],
    ['de', '12.500000', '12,5'],
    ['en', '0.000001', '0.000001'],
  ])('%s writes the decimal %s as %s', (language, value, expected) => {
    expect(formatDecimal(value, language)).toBe(expected);
  });

  it('returns text that is no number as it came', () => {
    expect(formatDecimal('about 12', 'en')).toBe('about 12');
    expect(formatDecimal('', 'en')).toBe('');
  });
});

describe('formatPercent', () => {
  it.each<[Language, string]>([
    ['en', '86.5%'],
    ['de', '86,5\u00a0%'],
    ['zh-Hans', '86.5%'],
    ['ar', '86.5\u200e%\u200e'],
  ])('%s', (language, expected) => {
    expect(formatPercent(86.5, language, { maximumFractionDigits: 2 })).toBe(expected);
  });

  it('never rounds a score up to a pass mark it did not reach when asked for decimals', () => {
    expect(formatPercent(69.99, 'en', { maximumFractionDigits: 2 })).toBe('69.99%');
  });
});

describe('dates', () => {
  it.each<[Language, string, string]>([
    ['en', 'March 14, 2026', 'Mar 14'],
    ['de', '14. März 2026', '14. März'],
    ['zh-Hans', '2026年3月14日', '3月14日'],
    ['ar', '14 مارس 2026', '14 مارس'],
  ])('%s writes a calendar day as %s / %s, whatever the time zone', (language, long, short) => {
    expect(formatDate('2026-03-14', language)).toBe(long);
    expect(formatShortDate('2026-03-14', language)).toBe(short);
  });
});

describe('durations', () => {
  it.each<[Language, string, string]>([
    ['en', '3 hr, 35 min', '12:05'],
    ['de', '3 Std., 35 Min.', '12:05'],
    ['zh-Hans', '3小时35分钟', '12:05'],
  ])('%s', (language, duration, clock) => {
    expect(formatDuration(215, language)).toBe(duration);
    expect(formatClock(725, language)).toBe(clock);
  });

  it('writes a grade band as a range', () => {
    expect(formatNumberRange(10, 20, 'en')).toBe('10–20');
  });
});

describe('languageDisplayName', () => {
  it.each<[Language, string, string]>([
    ['en', 'en', 'English'],
    ['en', 'zh-hans', 'Simplified Chinese'],
    ['de', 'en', 'Englisch'],
    ['zh-Hans', 'de', '德语'],
    ['ar', 'en', 'الإنجليزية'],
    ['ar', 'zh-hans', 'الصينية المبسطة'],
  ])('in %s names %s "%s"', (language, code, expected) => {
    expect(languageDisplayName(code, language)).toBe(expected);
  });

  it('shows a code that is no language tag as it came', () => {
    expect(languageDisplayName('not a tag', 'en')).toBe('not a tag');
  });
});

describe('useFormat', () => {
  it('follows a switch of UI language', async () => {
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(I18nextProvider, { i18n }, children);
    const { result } = renderHook(() => useFormat(), { wrapper });
    expect(result.current.percent(86.5, { maximumFractionDigits: 2 })).toBe('86.5%');
    expect(result.current.languageName('de')).toBe('German');

    await act(() => i18n.changeLanguage('de'));

    expect(result.current.language).toBe('de');
    expect(result.current.percent(86.5, { maximumFractionDigits: 2 })).toBe('86,5\u00a0%');
    expect(result.current.languageName('de')).toBe('Deutsch');
    expect(result.current.decimal('1120.000000')).toBe('1.120');
  });
});
