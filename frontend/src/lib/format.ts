/** Dates, numbers and country names formatted with Intl for the current UI language. */
import type { Language } from './languages';

export function formatDate(isoDateTime: string, language: Language): string {
  const date = new Date(isoDateTime);
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

/** ["English", "Deutsch"] → "English, Deutsch" / "English、Deutsch" in the UI language's style. */
export function formatList(items: readonly string[], language: Language): string {
  return new Intl.ListFormat(language, { type: 'conjunction', style: 'narrow' }).format(items);
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
