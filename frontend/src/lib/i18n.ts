/** i18next setup: bundled translations, remembered choice, and <html lang/dir> kept in step. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

import ar from '@/locales/ar/translation.json';
import de from '@/locales/de/translation.json';
import en from '@/locales/en/translation.json';
import zhHans from '@/locales/zh-Hans/translation.json';

import {
  DEFAULT_LANGUAGE,
  isSupportedLanguage,
  LANGUAGES,
  matchBrowserLanguage,
  SUPPORTED_LANGUAGES,
  type Language,
} from './languages';

export const LANGUAGE_STORAGE_KEY = 'icim.language';

export const resources = {
  en: { translation: en },
  'zh-Hans': { translation: zhHans },
  de: { translation: de },
  ar: { translation: ar },
} as const;

function readStoredLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return stored !== null && isSupportedLanguage(stored) ? stored : undefined;
  } catch {
    // Storage can be disabled (privacy settings); the browser's languages still apply.
    return undefined;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is acceptable; failing to switch is not.
  }
}

export function detectInitialLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages) {
    const match = matchBrowserLanguage(tag);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}

/** The active UI language, always one of the supported ones. */
export function currentLanguage(): Language {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isSupportedLanguage(language) ? language : DEFAULT_LANGUAGE;
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = LANGUAGES[language].direction;
}

/** Switch the UI language, remember it, and mirror the page for right-to-left scripts. */
export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  if (isSupportedLanguage(language)) applyToDocument(language);
});

let staffTranslations: Promise<void> | undefined;

/**
 * The staff pages' texts (studio, analytics, certificates register, bulk verification), loaded with
 * those pages so that learners never download them. Resolves once all four languages are added.
 */
export function loadStaffTranslations(): Promise<void> {
  staffTranslations ??= Promise.all([
    import('@/locales/en/staff.json'),
    import('@/locales/zh-Hans/staff.json'),
    import('@/locales/de/staff.json'),
    import('@/locales/ar/staff.json'),
  ]).then(([english, chinese, german, arabic]) => {
    const bundles = { en: english, 'zh-Hans': chinese, de: german, ar: arabic } as const;
    for (const language of SUPPORTED_LANGUAGES)
      i18n.addResourceBundle(language, 'translation', bundles[language].default, true, true);
  });
  return staffTranslations;
}

export function initI18n(language: Language = detectInitialLanguage()) {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources,
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: SUPPORTED_LANGUAGES,
      // `zh-Hans` must stay `zh-Hans`, not be lower-cased or cut to `zh`.
      load: 'currentOnly',
      interpolation: { escapeValue: false }, // React escapes already.
      initAsync: false, // Resources are bundled: be ready before the first render.
    });
  }
  applyToDocument(currentLanguage());
  return i18n;
}

export { i18n };
