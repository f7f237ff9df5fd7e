/** Type-checked translation keys: `t('nav.login')` compiles only if the English file has that key. */
import 'i18next';

import type enStaff from '@/locales/en/staff.json';
import type en from '@/locales/en/translation.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // Staff texts are a separate file, loaded with the staff pages (`loadStaffTranslations`).
    resources: { translation: typeof en & typeof enStaff };
  }
}
