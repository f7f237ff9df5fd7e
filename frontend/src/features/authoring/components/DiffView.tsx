/** What the working version changes against the published one, grouped by course, module, lesson… */
import { useTranslation } from 'react-i18next';

import type { Change, Diff } from '../types';

import './DiffView.css';

const ITEM_ORDER: Change['item'][] = ['course', 'module', 'lesson', 'question', 'option'];

export function DiffView({ diff }: { diff: Diff }) {
  const { t } = useTranslation();
  const heading =
    diff.from_version === null
      ? t('studio.diff.firstVersion', { to: diff.to_version })
      : t('studio.diff.between', { from: diff.from_version, to: diff.to_version });
  return (
    <section
      className="diff stack stack--small"
      aria-labelledby="diff-title"
      data-testid="diff-view"
    >
      <h3 id="diff-title">{heading}</h3>
      {diff.changes.length === 0 ? (
        <p className="muted">{t('studio.diff.noChanges')}</p>
      ) : (
        <>
          <p className="muted">{t('studio.diff.summary', { count: diff.changes.length })}</p>
          {ITEM_ORDER.map((item) => {
            const changes = diff.changes.filter((change) => change.item === item);
            if (changes.length === 0) return null;
            return (
              <div key={item} className="diff__group">
                <h4>{t(`studio.diff.items.${item}`)}</h4>
                <ul className="diff__list">
                  {changes.map((change) => (
                    <li
                      key={`${change.item}:${change.key}:${change.change}`}
                      className={`diff__change diff__change--${change.change}`}
                      data-change={change.change}
                    >
                      <span className={`badge badge--diff-${change.change}`}>
                        {t(`studio.diff.change.${change.change}`)}
                      </span>{' '}
                      <span className="diff__title">
                        {change.title || t(`studio.diff.items.${change.item}`)}
                      </span>
                      {change.fields.length > 0 && (
                        <span className="diff__fields">
                          {' '}
                          {t('studio.diff.fields', { fields: change.fields.join(', ') })}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}
