/** One result per line of an uploaded seat file, with the counts per result. */
import { useTranslation } from 'react-i18next';

import { formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import type { SeatUploadReport } from '../types';

const RESULTS = ['assigned', 'already_assigned', 'no_seats_left', 'invalid_email'] as const;

export function SeatUploadReportTable({ report }: { report: SeatUploadReport }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="card stack stack--small" aria-labelledby="seat-upload-report">
      <h2 id="seat-upload-report">{t('seats.upload.report')}</h2>
      <p data-testid="seat-usage">
        {t('seats.pools.usage', {
          used: formatNumber(report.used_seats, language),
          total: formatNumber(report.seat_count, language),
        })}
      </p>
      <ul data-testid="seat-upload-summary">
        {RESULTS.map((result) => (
          <li key={result}>
            {t(`seats.upload.result.${result}`)}:{' '}
            {formatNumber(report.summary[result] ?? 0, language)}
          </li>
        ))}
      </ul>
      <div className="table-wrapper">
        <table className="table" data-testid="seat-upload-results">
          <thead>
            <tr>
              <th scope="col">{t('seats.upload.line')}</th>
              <th scope="col">{t('seats.learners.email')}</th>
              <th scope="col">{t('seats.learners.name')}</th>
              <th scope="col">{t('seats.upload.resultHeader')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.line}>
                <td>{formatNumber(row.line, language)}</td>
                <td>{row.email}</td>
                <td>{row.full_name}</td>
                <td>{t(`seats.upload.result.${row.result}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
