/** Small helpers shared by the catalog components: served language and `lang` attributes. */
import { toBackendLanguage, type Language } from '@/lib/languages';

export { contentLanguageAttributes } from '@/lib/content-language';

/** Whether texts served in `servedLanguage` are in another language than the UI. */
export function isServedInOtherLanguage(servedLanguage: string, uiLanguage: Language): boolean {
  return servedLanguage !== toBackendLanguage(uiLanguage);
}
