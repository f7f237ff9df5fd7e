/** The language <select> on every page; a signed-in user's choice is saved to their profile too. */
import { useTranslation } from 'react-i18next';

import { useMe, useUpdateMe } from '@/features/accounts';
import { changeLanguage } from '@/lib/i18n';
import {
  isSupportedLanguage,
  LANGUAGES,
  SUPPORTED_LANGUAGES,
  toBackendLanguage,
} from '@/lib/languages';
import { useLanguage } from '@/lib/use-language';

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const updateMe = useUpdateMe();

  async function handleChange(value: string) {
    if (!isSupportedLanguage(value)) return;
    await changeLanguage(value);
    if (me.data) updateMe.mutate({ preferred_language: toBackendLanguage(value) });
  }

  return (
    <div className="language-switcher">
      <label htmlFor="language-switcher">{t('language.label')}</label>
      <select
        id="language-switcher"
        value={language}
        onChange={(event) => void handleChange(event.target.value)}
      >
        {SUPPORTED_LANGUAGES.map((item) => (
          <option key={item} value={item} lang={item}>
            {LANGUAGES[item].nativeName}
          </option>
        ))}
      </select>
    </div>
  );
}
