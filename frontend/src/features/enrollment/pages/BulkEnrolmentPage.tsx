/** /studio/invitations — staff invite learners to a course from a CSV file (`email`, optional
 * `name`), see one result per row, and follow or withdraw the course's pending invitations. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { formatDate, formatNumber } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useBulkEnroll } from '../api/bulk-enroll';
import { useCourseInvitations } from '../api/list-course-invitations';
import { useWithdrawInvitation } from '../api/withdraw-invitation';
import type { BulkEnrollReport } from '../types';

export interface CourseChoice {
  slug: string;
  name: string;
}

const RESULTS = ['invited', 'already_invited', 'error'] as const;

function Report({ report }: { report: BulkEnrollReport }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="card stack stack--small" aria-labelledby="bulk-report">
      <h2 id="bulk-report">{t('bulkEnrol.report')}</h2>
      <ul data-testid="bulk-summary">
        {RESULTS.map((result) => (
          <li key={result}>
            {t(`bulkEnrol.result.${result}`)}: {formatNumber(report.summary[result] ?? 0, language)}
          </li>
        ))}
      </ul>
      <div className="table-wrapper">
        <table className="table" data-testid="bulk-enrol-results">
          <thead>
            <tr>
              <th scope="col">{t('bulkEnrol.line')}</th>
              <th scope="col">{t('bulkEnrol.email')}</th>
              <th scope="col">{t('bulkEnrol.name')}</th>
              <th scope="col">{t('bulkEnrol.resultHeader')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.line}>
                <td>{formatNumber(row.line, language)}</td>
                <td>{row.email}</td>
                <td>{row.name}</td>
                <td>
                  {t(`bulkEnrol.result.${row.result}`)}
                  {row.message ? ` — ${row.message}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PendingInvitations({ course }: { course: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [page, setPage] = useState(1);
  const invitations = useCourseInvitations(course, page);
  const withdraw = useWithdrawInvitation();

  if (invitations.isPending) return <LoadingState />;
  if (invitations.isError)
    return <RequestError error={invitations.error} onRetry={() => void invitations.refetch()} />;
  const { results, count, next, previous } = invitations.data;
  return (
    <section className="card stack stack--small" aria-labelledby="pending-invitations">
      <h2 id="pending-invitations">{t('bulkEnrol.pending', { count })}</h2>
      <ErrorBanner error={withdraw.error} />
      {results.length === 0 ? (
        <p className="muted">{t('bulkEnrol.noPending')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table" data-testid="pending-invitations">
            <thead>
              <tr>
                <th scope="col">{t('bulkEnrol.email')}</th>
                <th scope="col">{t('bulkEnrol.name')}</th>
                <th scope="col">{t('bulkEnrol.sentOn')}</th>
                <th scope="col">{t('bulkEnrol.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('bulkEnrol.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {results.map((invitation) => (
                <tr key={invitation.id}>
                  <td>{invitation.email}</td>
                  <td>{invitation.name}</td>
                  <td>{formatDate(invitation.sent_at, language)}</td>
                  <td>
                    {invitation.state === 'expired'
                      ? t('bulkEnrol.expiredOn', {
                          date: formatDate(invitation.expires_at, language),
                        })
                      : t('bulkEnrol.openUntil', {
                          date: formatDate(invitation.expires_at, language),
                        })}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      disabled={withdraw.isPending}
                      aria-label={t('bulkEnrol.withdrawFor', { email: invitation.email })}
                      onClick={() => {
                        withdraw.mutate({ course, invitationId: invitation.id });
                      }}
                    >
                      {t('bulkEnrol.withdraw')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(next !== null || previous !== null) && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={previous === null}
            onClick={() => {
              setPage((current) => current - 1);
            }}
          >
            {t('bulkEnrol.previousPage')}
          </button>
          <button
            type="button"
            className="button"
            disabled={next === null}
            onClick={() => {
              setPage((current) => current + 1);
            }}
          >
            {t('bulkEnrol.nextPage')}
          </button>
        </div>
      )}
    </section>
  );
}

export function BulkEnrolmentPage({ courses }: { courses: readonly CourseChoice[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [file, setFile] = useState<File | null>(null);
  const bulk = useBulkEnroll();
  useDocumentTitle(t('bulkEnrol.title'));
  const course = params.get('course') ?? courses[0]?.slug ?? '';

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('bulkEnrol.title')}</h1>
        <p className="lead">{t('bulkEnrol.lead')}</p>
      </header>
      {courses.length === 0 ? (
        <p className="muted">{t('bulkEnrol.noCourses')}</p>
      ) : (
        <>
          <form
            className="card stack stack--small"
            onSubmit={(event) => {
              event.preventDefault();
              if (file) bulk.mutate({ course, file });
            }}
          >
            <div className="field">
              <label className="field__label" htmlFor="bulk-enrol-course">
                {t('bulkEnrol.course')}
              </label>
              <select
                id="bulk-enrol-course"
                className="field__control"
                value={course}
                onChange={(event) => {
                  bulk.reset();
                  setParams({ course: event.target.value }, { replace: true });
                }}
              >
                {courses.map((item) => (
                  <option key={item.slug} value={item.slug}>
                    {item.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor="bulk-enrol-file">
                {t('bulkEnrol.file')}
              </label>
              <input
                id="bulk-enrol-file"
                type="file"
                accept=".csv,text/csv,text/plain"
                className="field__control"
                aria-describedby="bulk-enrol-file-hint"
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                }}
              />
              <p className="field__hint" id="bulk-enrol-file-hint">
                {t('bulkEnrol.fileHint')}
              </p>
            </div>
            <div>
              <button
                type="submit"
                className="button button--primary"
                disabled={file === null || bulk.isPending}
              >
                {t('bulkEnrol.send')}
              </button>
            </div>
          </form>
          {bulk.isPending && <LoadingState />}
          <ErrorBanner error={bulk.error} />
          {bulk.data && <Report report={bulk.data} />}
          <PendingInvitations key={course} course={course} />
        </>
      )}
    </div>
  );
}
