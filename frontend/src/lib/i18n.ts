/**
 * i18next setup: the active language's translations loaded on demand, remembered choice, and
 * <html lang/dir> kept in step.
 *
 * Only the language the page is shown in is downloaded: the entry script carries no translations,
 * `initI18n` imports the active language's file (its own small chunk, which Django names in the
 * page for the browser to fetch with the entry script: config/spa.py) and resolves once it is
 * there, so the first render never shows a key. Switching language imports the other file first
 * (i18next waits for the backend below before it changes language).
 */
import i18n, { type BackendModule, type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';

import {
  DEFAULT_LANGUAGE,
  isSupportedLanguage,
  LANGUAGES,
  matchBrowserLanguage,
  SUPPORTED_LANGUAGES,
  type Language,
} from './languages';

export const LANGUAGE_STORAGE_KEY = 'icim.language';
/** The same choice as a cookie, so that Django can name that language's file in the page. */
export const LANGUAGE_COOKIE_NAME = 'icim_language';

type Texts = { default: ResourceLanguage };

// Literal paths, so that the build makes one chunk per file (and a manifest entry Django can find).
const TRANSLATIONS: Record<Language, () => Promise<Texts>> = {
  en: () => import('@/locales/en/translation.json'),
  'zh-Hans': () => import('@/locales/zh-Hans/translation.json'),
  de: () => import('@/locales/de/translation.json'),
  ar: () => import('@/locales/ar/translation.json'),
};
const STAFF_TRANSLATIONS: Record<Language, () => Promise<Texts>> = {
  en: () => import('@/locales/en/staff.json'),
  'zh-Hans': () => import('@/locales/zh-Hans/staff.json'),
  de: () => import('@/locales/de/staff.json'),
  ar: () => import('@/locales/ar/staff.json'),
};

/** Whether a staff page asked for the staff texts: from then on every language loads them too. */
let staffWanted = false;
const staffAdded = new Set<Language>();

/** The staff texts of one language, merged into its translations (once). */
async function addStaffTranslations(language: Language): Promise<void> {
  if (staffAdded.has(language)) return;
  const staff = await STAFF_TRANSLATIONS[language]();
  if (staffAdded.has(language)) return;
  i18n.addResourceBundle(language, 'translation', staff.default, true, true);
  staffAdded.add(language);
}

/**
 * An i18next backend reading the translation files bundled as chunks: i18next calls it for a
 * language before it switches to it. With the staff texts wanted, the language's staff file is
 * read with it, so that a staff page never shows its keys after a switch.
 */
export const localeBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    if (!isSupportedLanguage(language)) {
      callback(null, {});
      return;
    }
    Promise.all([TRANSLATIONS[language](), staffWanted ? STAFF_TRANSLATIONS[language]() : null])
      .then(([texts, staff]) => {
        if (staff) staffAdded.add(language);
        // The two files share no top-level key (src/locales/translations.test.ts).
        callback(null, staff ? { ...texts.default, ...staff.default } : texts.default);
      })
      .catch((error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), null);
      });
  },
};

function readStoredLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return stored !== null && isSupportedLanguage(stored) ? stored : undefined;
  } catch {
    // Storage can be disabled (privacy settings); the browser's languages still apply.
    return undefined;
  }
}

/** Tell Django the language of the next page load (config/spa.py); the API never reads it. */
function hintLanguageToServer(language: Language): void {
  document.cookie = `${LANGUAGE_COOKIE_NAME}=${encodeURIComponent(language)}; path=/; max-age=31536000; samesite=lax`;
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is acceptable; failing to switch is not.
  }
  hintLanguageToServer(language);
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

/**
 * Switch the UI language (once its translations are loaded), remember it, and mirror the page
 * for right-to-left scripts.
 */
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
 * those pages so that learners never download them. Resolves once the languages loaded so far
 * have them; a language loaded later (a switch) brings its staff texts with it.
 */
export function loadStaffTranslations(): Promise<void> {
  staffWanted = true;
  staffTranslations ??= Promise.all(
    SUPPORTED_LANGUAGES.filter((language) => i18n.hasResourceBundle(language, 'translation')).map(
      addStaffTranslations,
    ),
  ).then(() => undefined);
  return staffTranslations;
}

// A language whose translations arrived while the staff texts were being asked for.
i18n.on('loaded', (loaded: Record<string, unknown>) => {
  if (!staffWanted) return;
  for (const language of Object.keys(loaded))
    if (isSupportedLanguage(language)) void addStaffTranslations(language);
});

/**
 * Set i18next up in `language`, resolving once its translations are loaded. Tests pass every
 * language's `resources` at once instead (then nothing is loaded on demand).
 */
export async function initI18n(
  language: Language = detectInitialLanguage(),
  { resources }: { resources?: Record<Language, { translation: ResourceLanguage }> } = {},
): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    // A choice remembered before the cookie existed reaches the server from the next page on
    // (a language taken from the browser needs no cookie: Accept-Language says it).
    if (readStoredLanguage() === language) hintLanguageToServer(language);
    if (!resources) i18n.use(localeBackend);
    await i18n.use(initReactI18next).init({
      ...(resources ? { resources } : {}),
      lng: language,
      // Every language has every key (src/locales/translations.test.ts): no second file to load.
      fallbackLng: false,
      supportedLngs: SUPPORTED_LANGUAGES,
      // `zh-Hans` must stay `zh-Hans`, not be lower-cased or cut to `zh`.
      load: 'currentOnly',
      interpolation: { escapeValue: false }, // React escapes already.
    });
  }
  applyToDocument(currentLanguage());
  return i18n;
}

export { i18n };
