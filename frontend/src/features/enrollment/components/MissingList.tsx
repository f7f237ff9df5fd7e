/** What is still missing for the certificate, in the API's own words (in the reader's language). */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { MissingItem } from '../types';

import './MissingList.css';

export function MissingList({
  missing,
  lessonPath,
}: {
  missing: readonly MissingItem[];
  /** Where a missing lesson can be done, if the reader may go there. */
  lessonPath?: (lessonKey: string) => string;
}) {
  const { t } = useTranslation();
  if (missing.length === 0) return null;
  return (
    <div className="missing">
      <p className="missing__title">{t('learning.missingHeading')}</p>
      <ul className="missing__list">
        {missing.map((item, index) => (
          <li key={`${item.reason}-${item.lesson ?? String(index)}`}>
            {item.lesson && lessonPath ? (
              <Link to={lessonPath(item.lesson)}>{item.message}</Link>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
