/** Small helpers shared by the catalog components: language names and `lang` attributes. */
import { LANGUAGES, SUPPORTED_LANGUAGES, toBackendLanguage, type Language } from '@/lib/languages';

/** Right-to-left scripts a course may come in besides the UI languages. */
const RIGHT_TO_LEFT_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi']);

function uiLanguageFor(code: string): Language | undefined {
  return SUPPORTED_LANGUAGES.find((language) => LANGUAGES[language].backendCode === code);
}

/**
 * A course language by its own name ("Deutsch", "简体中文"), as in the language switcher, so that
 * readers spot their language whatever the UI is in; other languages are named in the UI language.
 */
export function courseLanguageName(code: string, uiLanguage: Language): string {
  const known = uiLanguageFor(code);
  if (known) return LANGUAGES[known].nativeName;
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * `lang` and `dir` for an element holding course texts in the backend language `code` (`zh-hans`
 * becomes `zh-Hans`): screen readers pick the right voice, browsers the right font, and a Chinese
 * title in an Arabic page keeps its punctuation where it belongs.
 */
export function contentLanguageAttributes(code: string): { lang: string; dir: 'ltr' | 'rtl' } {
  const known = uiLanguageFor(code);
  if (known) return { lang: known, dir: LANGUAGES[known].direction };
  return { lang: code, dir: RIGHT_TO_LEFT_LANGUAGES.has(code.split('-')[0] ?? '') ? 'rtl' : 'ltr' };
}

/** Whether texts served in `servedLanguage` are in another language than the UI. */
export function isServedInOtherLanguage(servedLanguage: string, uiLanguage: Language): boolean {
  return servedLanguage !== toBackendLanguage(uiLanguage);
}
