/** Dates, numbers and country names formatted with Intl for the current UI language. */
import type { Language } from './languages';

export function formatDate(isoDateTime: string, language: Language): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date);
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
