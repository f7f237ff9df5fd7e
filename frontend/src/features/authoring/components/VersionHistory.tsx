/** Versions and the workflow history: who did what, when, and why. */
import { useTranslation } from 'react-i18next';

import { formatDate, formatDateTime } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { cartridgeExportUrl } from '../api/get-cartridge';
import { archiveExportUrl, packageExportUrl } from '../api/get-package';
import type { AuthoringCourseDetail } from '../types';

import './editor.css';
import './VersionHistory.css';

export function VersionHistory({ course }: { course: AuthoringCourseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const versions = [...course.versions].sort((left, right) => right.number - left.number);
  const history = [...course.history].sort((left, right) =>
    right.created_at.localeCompare(left.created_at),
  );
  return (
    <div className="stack">
      <section aria-labelledby="versions-title">
        <h3 id="versions-title">{t('studio.history.versions')}</h3>
        <div className="table-wrapper">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('studio.history.version')}</th>
                <th scope="col">{t('studio.history.state')}</th>
                <th scope="col">{t('studio.history.updated')}</th>
                <th scope="col">{t('studio.history.published')}</th>
                <th scope="col">{t('studio.history.export')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.number}>
                  <td>{version.number}</td>
                  <td>{t(`studio.state.${version.state}`)}</td>
                  <td>{formatDate(version.updated_at, language)}</td>
                  <td>{version.published_at ? formatDate(version.published_at, language) : '—'}</td>
                  <td>
                    <a href={packageExportUrl(course.slug, version.number)} download>
                      {t('studio.history.json', { number: version.number })}
                    </a>{' '}
                    ·{' '}
                    <a href={archiveExportUrl(course.slug, version.number)} download>
                      {t('studio.history.zip', { number: version.number })}
                    </a>{' '}
                    ·{' '}
                    <a href={cartridgeExportUrl(course.slug, version.number)} download>
                      {t('studio.history.cartridge', { number: version.number })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="history-title">
        <h3 id="history-title">{t('studio.history.title')}</h3>
        {history.length === 0 ? (
          <p className="muted">{t('studio.history.empty')}</p>
        ) : (
          <ol className="history-list" data-testid="history">
            {history.map((step) => (
              <li key={`${step.created_at}-${step.action}`}>
                <p>
                  <strong>{step.actor ?? t('studio.history.someone')}</strong>{' '}
                  {t(`studio.history.action.${step.action}` as 'studio.history.action.submit', {
                    defaultValue: step.action,
                    version: step.version,
                  })}{' '}
                  <span className="muted">
                    ({t(`studio.state.${step.from_state}`)} → {t(`studio.state.${step.to_state}`)},{' '}
                    {formatDateTime(step.created_at, language)})
                  </span>
                </p>
                {step.comment && <blockquote dir="auto">{step.comment}</blockquote>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
