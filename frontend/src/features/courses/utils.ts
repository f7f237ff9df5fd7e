/** Small helpers shared by the catalog components: language names and `lang` attributes. */
import { LANGUAGES, SUPPORTED_LANGUAGES, toBackendLanguage, type Language } from '@/lib/languages';

export { contentLanguageAttributes } from '@/lib/content-language';

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

/** Whether texts served in `servedLanguage` are in another language than the UI. */
export function isServedInOtherLanguage(servedLanguage: string, uiLanguage: Language): boolean {
  return servedLanguage !== toBackendLanguage(uiLanguage);
}
