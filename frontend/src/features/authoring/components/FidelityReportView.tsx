/** An import's fidelity report: counts by kind, then every item with its status and reason, filterable. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatNumber } from '@/lib/format';
import { saveFile } from '@/lib/http';
import { useLanguage } from '@/lib/use-language';

import type { FidelityReport, FidelityStatus } from '../types';

import './FidelityReportView.css';

const STATUSES: readonly FidelityStatus[] = ['imported', 'approximated', 'not_imported'];
/** Rows shown at once: a 10,000-question bank must not freeze the page. */
const ROWS_PER_PAGE = 100;

type Filter = FidelityStatus | 'all';

/** The kind's name in the reader's language; `question:<type>` keeps its source type. */
function useKindLabel() {
  const { t } = useTranslation();
  return (kind: string): string => {
    if (kind.startsWith('question:')) {
      return t('courseImport.kind.question', { type: kind.slice('question:'.length) });
    }
    return t(`courseImport.kind.${kind}` as 'courseImport.kind.module', { defaultValue: kind });
  };
}

export function StatusBadge({ status }: { status: FidelityStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--fidelity-${status}`}>{t(`courseImport.status.${status}`)}</span>
  );
}

export function FidelityReportView({
  report,
  fileName,
}: {
  report: FidelityReport;
  /** The uploaded file's name, for the downloaded report's name. */
  fileName: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const kindLabel = useKindLabel();
  const headingId = useId();
  const [filter, setFilter] = useState<Filter>('all');
  const [shown, setShown] = useState(ROWS_PER_PAGE);
  const number = (value: number) => formatNumber(value, language);

  const kinds = Object.entries(report.counts);
  const totals = Object.fromEntries(
    STATUSES.map((status) => [
      status,
      report.items.filter((item) => item.status === status).length,
    ]),
  ) as Record<FidelityStatus, number>;
  const items =
    filter === 'all' ? report.items : report.items.filter((item) => item.status === filter);
  const visible = items.slice(0, shown);

  function download() {
    const base = fileName.replace(/\.[^.]*$/, '') || 'course';
    saveFile(`${JSON.stringify(report, null, 2)}\n`, `${base}-report.json`, 'application/json');
  }

  return (
    <section aria-labelledby={headingId} className="card stack fidelity-report">
      <div className="page-header page-header--with-actions">
        <h2 id={headingId}>{t('courseImport.report.title')}</h2>
        <button type="button" className="button" onClick={download}>
          {t('courseImport.report.download')}
        </button>
      </div>
      {report.course && (
        <p>
          {t('courseImport.report.course')}{' '}
          <strong>
            <bdi>{report.course.title}</bdi>
          </strong>{' '}
          <span className="muted monospace">
            (<bdi dir="ltr">{report.course.slug}</bdi>)
          </span>
        </p>
      )}
      <div className="table-wrapper">
        <table className="table fidelity-report__counts">
          <caption>{t('courseImport.report.countsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('courseImport.report.kind')}</th>
              <th scope="col">{t('courseImport.report.found')}</th>
              {STATUSES.map((status) => (
                <th scope="col" key={status}>
                  {t(`courseImport.status.${status}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kinds.map(([kind, count]) => (
              <tr key={kind}>
                <th scope="row">{kindLabel(kind)}</th>
                <td>{number(count.found)}</td>
                <td>{number(count.imported)}</td>
                <td>{number(count.approximated)}</td>
                <td>{number(count.not_imported)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <fieldset className="fidelity-report__filter">
        <legend>{t('courseImport.report.filter')}</legend>
        {(['all', ...STATUSES] as const).map((option) => (
          <label key={option} className="fidelity-report__option">
            <input
              type="radio"
              name={`${headingId}-filter`}
              value={option}
              checked={filter === option}
              onChange={() => {
                setFilter(option);
                setShown(ROWS_PER_PAGE);
              }}
            />{' '}
            {t('courseImport.report.option', {
              label:
                option === 'all'
                  ? t('courseImport.report.all')
                  : t(`courseImport.status.${option}`),
              total: option === 'all' ? report.items.length : totals[option],
            })}
          </label>
        ))}
      </fieldset>

      {items.length === 0 ? (
        <p className="muted">{t('courseImport.report.noItems')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table fidelity-report__items">
            <caption>
              {t('courseImport.report.itemsCaption', {
                shown: visible.length,
                total: items.length,
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('courseImport.report.status')}</th>
                <th scope="col">{t('courseImport.report.kind')}</th>
                <th scope="col">{t('courseImport.report.itemTitle')}</th>
                <th scope="col">{t('courseImport.report.source')}</th>
                <th scope="col">{t('courseImport.report.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((item, index) => (
                <tr key={`${item.source}-${item.kind}-${String(index)}`}>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td>{kindLabel(item.kind)}</td>
                  {/* Isolated, not `dir` on the cell: the column keeps the page's alignment. */}
                  <td>
                    <bdi>{item.title || '—'}</bdi>
                  </td>
                  <td className="monospace fidelity-report__source">
                    <bdi dir="ltr">{item.source || '—'}</bdi>
                  </td>
                  <td>
                    <bdi>{item.reason || '—'}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {visible.length < items.length && (
        <button
          type="button"
          className="button"
          onClick={() => {
            setShown((count) => count + ROWS_PER_PAGE);
          }}
        >
          {t('courseImport.report.showMore', { left: items.length - visible.length })}
        </button>
      )}
    </section>
  );
}
