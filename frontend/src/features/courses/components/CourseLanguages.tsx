/** "Available in: English, Deutsch", and a note when the texts are not in the UI language. */
import { useTranslation } from 'react-i18next';

import { formatList, languageDisplayName } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { isServedInOtherLanguage } from '../utils';

import './CourseLanguages.css';

export function CourseLanguages({
  languages,
  servedLanguage,
}: {
  languages: readonly string[];
  servedLanguage: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const names = formatList(
    languages.map((code) => languageDisplayName(code, language)),
    language,
  );
  return (
    <div className="course-languages">
      <p className="course-languages__available">{t('course.availableIn', { languages: names })}</p>
      {isServedInOtherLanguage(servedLanguage, language) && (
        <p className="course-languages__other">
          {t('course.shownInOtherLanguage', {
            language: languageDisplayName(servedLanguage, language),
          })}
        </p>
      )}
    </div>
  );
}
