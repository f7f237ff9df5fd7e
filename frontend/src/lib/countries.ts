/** The countries the backend accepts (generated from openapi.yaml), and the sorted, localised list
 * for a <select>. */
import { COUNTRY_CODES, type CountryCode } from '@/api/country-codes';

import { countryName } from './format';
import type { Language } from './languages';

export function isCountryCode(value: string): value is CountryCode {
  return (COUNTRY_CODES as readonly string[]).includes(value);
}

/** Countries with names in the UI language, in that language's alphabetical order. */
export function countryOptions(language: Language): { code: CountryCode; name: string }[] {
  const collator = new Intl.Collator(language);
  return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, language) })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
}
