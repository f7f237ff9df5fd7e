/** The shared formatters bound to the current UI language, re-rendering when it changes. */
import { useMemo } from 'react';

import {
  countryName,
  formatClock,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatDuration,
  formatFileSize,
  formatHours,
  formatList,
  formatMonths,
  formatNumber,
  formatNumberRange,
  formatPercent,
  formatShortDate,
  languageDisplayName,
} from './format';
import type { Language } from './languages';
import { useLanguage } from './use-language';

function bindTo(language: Language) {
  return {
    language,
    clock: (totalSeconds: number) => formatClock(totalSeconds, language),
    country: (code: string) => countryName(code, language),
    date: (isoDate: string) => formatDate(isoDate, language),
    dateTime: (isoDateTime: string) => formatDateTime(isoDateTime, language),
    decimal: (value: string | number) => formatDecimal(value, language),
    duration: (totalMinutes: number) => formatDuration(totalMinutes, language),
    fileSize: (bytes: number) => formatFileSize(bytes, language),
    hours: (hours: number) => formatHours(hours, language),
    languageName: (backendCode: string) => languageDisplayName(backendCode, language),
    list: (items: readonly string[]) => formatList(items, language),
    months: (months: number) => formatMonths(months, language),
    number: (value: number) => formatNumber(value, language),
    numberRange: (from: number, to: number) => formatNumberRange(from, to, language),
    percent: (percent: number, options?: { maximumFractionDigits?: number }) =>
      formatPercent(percent, language, options),
    shortDate: (isoDate: string) => formatShortDate(isoDate, language),
  };
}

export type Formatters = ReturnType<typeof bindTo>;

/** `const format = useFormat(); format.percent(86.5)` → "86.5%" / "86,5 %" / "86.5%" / "86.5‎%‎". */
export function useFormat(): Formatters {
  const language = useLanguage();
  return useMemo(() => bindTo(language), [language]);
}
