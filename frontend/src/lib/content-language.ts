/** `lang` and `dir` attributes for texts in a course's language, which may differ from the UI's. */
import { LANGUAGES, SUPPORTED_LANGUAGES } from './languages';

/** Right-to-left scripts a course may come in besides the UI languages. */
const RIGHT_TO_LEFT_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi']);

export interface ContentLanguage {
  lang: string;
  dir: 'ltr' | 'rtl';
}

/**
 * `lang` and `dir` for an element holding course texts in the backend language `code` (`zh-hans`
 * becomes `zh-Hans`): screen readers pick the right voice, browsers the right font, and a Chinese
 * title in an Arabic page keeps its punctuation where it belongs.
 */
export function contentLanguageAttributes(code: string): ContentLanguage {
  const known = SUPPORTED_LANGUAGES.find((language) => LANGUAGES[language].backendCode === code);
  if (known) return { lang: known, dir: LANGUAGES[known].direction };
  return { lang: code, dir: RIGHT_TO_LEFT_LANGUAGES.has(code.split('-')[0] ?? '') ? 'rtl' : 'ltr' };
}
