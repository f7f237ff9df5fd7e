/**
 * Every number, percentage, date, duration, country and language name the UI shows, formatted with
 * Intl for the UI language; `useFormat` binds them to the current one. Nothing is formatted by hand.
 */
import { LANGUAGES, SUPPORTED_LANGUAGES, type Language } from './languages';

/** A bare date ("2026-03-14") is a calendar day, not midnight UTC: read as local, no zone shifts it. */
function parseDate(isoDateOrDateTime: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDateOrDateTime)
    ? new Date(`${isoDateOrDateTime}T00:00`)
    : new Date(isoDateOrDateTime);
}

export function formatDate(isoDateTime: string, language: Language): string {
  const date = parseDate(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date);
}

export function formatDateTime(isoDateTime: string, language: Language): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language).format(value);
}

const regionNamesCache = new Map<Language, Intl.DisplayNames>();

/** "DE" → "Germany" / "德国" / "Deutschland" / "ألمانيا". */
export function countryName(code: string, language: Language): string {
  if (!code) return '';
  let names = regionNamesCache.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    regionNamesCache.set(language, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code; // Not a valid region code: show it as it came.
  }
}

const languageNamesCache = new Map<Language, Intl.DisplayNames>();

/** A backend language code (`zh-hans`, `de`, `pt-br`) as a BCP 47 tag (`zh-Hans`, `de`, `pt-BR`). */
function languageTag(backendCode: string): string {
  const known = SUPPORTED_LANGUAGES.find((item) => LANGUAGES[item].backendCode === backendCode);
  if (known) return known;
  try {
    return Intl.getCanonicalLocales(backendCode)[0] ?? backendCode;
  } catch {
    return backendCode;
  }
}

/**
 * A content language named in the UI language: `de` → "German" / "Deutsch" / "德语" / "الألمانية",
 * `zh-hans` → "Simplified Chinese". (The language switcher alone names languages in themselves.)
 */
export function languageDisplayName(backendCode: string, language: Language): string {
  if (!backendCode) return '';
  let names = languageNamesCache.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
    languageNamesCache.set(language, names);
  }
  try {
    return names.of(languageTag(backendCode)) ?? backendCode;
  } catch {
    return backendCode; // Not a valid language tag: show it as it came.
  }
}

/**
 * A decimal the API sends as a string ("1120.000000", "86.50") or a number, as a number in the UI
 * language ("1,120" / "1.120" / "1,120"); text that is no number is returned as it came.
 */
export function formatDecimal(value: string | number, language: Language): string {
  const number = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'string' && (value.trim() === '' || !Number.isFinite(number))) return value;
  return new Intl.NumberFormat(language, { maximumFractionDigits: 6 }).format(number);
}

/** 10, 20 → "10–20" with the UI language's digits and range sign. */
export function formatNumberRange(from: number, to: number, language: Language): string {
  return new Intl.NumberFormat(language).formatRange(from, to);
}

/** A countdown: 754 seconds → "12:34" in the UI language's digits. */
export function formatClock(totalSeconds: number, language: Language): string {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const twoDigits = new Intl.NumberFormat(language, { minimumIntegerDigits: 2 });
  return `${formatNumber(minutes, language)}:${twoDigits.format(seconds)}`;
}

/** A calendar day ("2026-03-14" or a timestamp) in short form: "Mar 14" / "14. März" / "3月14日". */
export function formatShortDate(isoDate: string, language: Language): string {
  const date = parseDate(isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric' }).format(date);
}

function formatUnit(
  value: number,
  unit: 'hour' | 'minute' | 'month',
  unitDisplay: 'long' | 'short',
  language: Language,
): string {
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay }).format(value);
}

/** 12 → "12 hours" / "12 Stunden" / "12小时". */
export function formatHours(hours: number, language: Language): string {
  return formatUnit(hours, 'hour', 'long', language);
}

/** 24 → "24 months" / "24 Monate". */
export function formatMonths(months: number, language: Language): string {
  return formatUnit(months, 'month', 'long', language);
}

/** 215 → "3 hr, 35 min"; 45 → "45 min"; 120 → "2 hr". */
export function formatDuration(totalMinutes: number, language: Language): string {
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(formatUnit(hours, 'hour', 'short', language));
  if (minutes > 0 || hours === 0) parts.push(formatUnit(minutes, 'minute', 'short', language));
  return new Intl.ListFormat(language, { type: 'unit', style: 'short' }).format(parts);
}

/**
 * A percentage: a pass mark 70 → "70%" / "70 %"; a score with `maximumFractionDigits` 2,
 * 69.99 → "69.99%" (never rounded up to a pass mark it did not reach).
 */
export function formatPercent(
  percent: number,
  language: Language,
  { maximumFractionDigits = 0 }: { maximumFractionDigits?: number } = {},
): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits }).format(
    percent / 100,
  );
}

/**
 * ["English", "Deutsch"] → "English, Deutsch" / "English、Deutsch" in the UI language's style; a
 * list of a course's texts (chosen quiz options) takes the course language's tag instead.
 */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' }).format(items);
}

/** 48213 → "47 kB" / "47 kB" / "47 كيلوبايت", in the largest unit that keeps a number ≥ 1. */
export function formatFileSize(bytes: number, language: Language): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[index],
    unitDisplay: 'short',
    maximumFractionDigits: index === 0 ? 0 : 1,
  }).format(value);
}
