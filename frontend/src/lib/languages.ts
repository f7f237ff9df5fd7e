/** The UI languages, their text direction, and the mapping to the backend's language codes. */
import type { components } from '@/api/schema';

export type BackendLanguage = components['schemas']['LanguageEnum'];

export const SUPPORTED_LANGUAGES = ['en', 'zh-Hans', 'de', 'ar'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

interface LanguageInfo {
  backendCode: BackendLanguage;
  direction: 'ltr' | 'rtl';
  /**
   * The language's name in itself. Deliberately not translated: a reader must recognise their own
   * language in the switcher whatever language the page is in now.
   */
  nativeName: string;
}

export const LANGUAGES: Record<Language, LanguageInfo> = {
  en: { backendCode: 'en', direction: 'ltr', nativeName: 'English' },
  'zh-Hans': { backendCode: 'zh-hans', direction: 'ltr', nativeName: '简体中文' },
  de: { backendCode: 'de', direction: 'ltr', nativeName: 'Deutsch' },
  ar: { backendCode: 'ar', direction: 'rtl', nativeName: 'العربية' },
};

export function isSupportedLanguage(value: string): value is Language {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

export function toBackendLanguage(language: Language): BackendLanguage {
  return LANGUAGES[language].backendCode;
}

export function fromBackendLanguage(code: BackendLanguage): Language {
  const match = SUPPORTED_LANGUAGES.find((language) => LANGUAGES[language].backendCode === code);
  return match ?? DEFAULT_LANGUAGE;
}

/** Best match for a browser language tag such as `zh-CN`, `de-AT` or `ar-EG`. */
export function matchBrowserLanguage(tag: string): Language | undefined {
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) {
    // Traditional-script locales are better served by English than by Simplified Chinese.
    return /^zh-(hant|tw|hk|mo)/.test(lower) ? undefined : 'zh-Hans';
  }
  const primary = lower.split('-')[0] ?? '';
  return isSupportedLanguage(primary) ? primary : undefined;
}
