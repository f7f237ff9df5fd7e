/** The language a thread was written in, by its own name (and marked up in that language). */
import { useTranslation } from 'react-i18next';

import { fromBackendLanguage, LANGUAGES } from '@/lib/languages';

import type { BackendLanguage } from '../types';

export function LanguageBadge({ language }: { language: BackendLanguage }) {
  const { t } = useTranslation();
  const info = LANGUAGES[fromBackendLanguage(language)];
  return (
    <span className="badge discussion-language" title={t('discussions.writtenIn')}>
      <span className="visually-hidden">{t('discussions.writtenIn')} </span>
      <span lang={info.backendCode === 'zh-hans' ? 'zh-Hans' : info.backendCode}>
        {info.nativeName}
      </span>
    </span>
  );
}
