/** Type-checked translation keys: `t('nav.login')` compiles only if the English file has that key. */
import 'i18next';

import type en from '@/locales/en/translation.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
