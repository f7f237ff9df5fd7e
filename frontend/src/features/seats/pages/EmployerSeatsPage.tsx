/** /organizations/:slug/seats — an employer's administrators: seat pools with used and free seats,
 * give seats from a CSV file (`email`, optional `full_name`), the seat holders with their consent
 * and (only where granted) their progress and certificates, and the monthly report as CSV. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { formatDate, formatNumber } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useSeatPoolLearners } from '../api/list-pool-learners';
import { useSeatPools } from '../api/list-pools';
import { useUploadSeats } from '../api/upload-seats';
import { SeatUploadReportTable } from '../components/SeatUploadReportTable';
import type { SeatPoolLearner } from '../types';

function previousMonth(): string {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return month.toISOString().slice(0, 7);
}

function LearnerProgress({ learner }: { learner: SeatPoolLearner }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (learner.consent !== 'granted')
    return <span className="muted">{t('seats.learners.hidden')}</span>;
  const program = learner.program_progress;
  if (program)
    return (
      <>
        {t('seats.learners.programProgress', {
          done: formatNumber(program.done_count, language),
          required: formatNumber(program.required_count, language),
        })}
        {program.credential_url && (
          <>
            {' · '}
            <a href={program.credential_url}>{t('seats.learners.programCredential')}</a>
          </>
        )}
      </>
    );
  const progress = learner.progress;
  if (!progress) return <>{t('seats.learners.notEnrolled')}</>;
  return (
    <>
      {t('seats.learners.percent', { percent: formatNumber(progress.progress_percent, language) })}
      {progress.certificate_url && (
        <>
          {' · '}
          <a href={progress.certificate_url}>{t('seats.learners.certificate')}</a>
        </>
      )}
    </>
  );
}

function Learners({ organization, poolId }: { organization: string; poolId: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [page, setPage] = useState(1);
  const learners = useSeatPoolLearners(organization, poolId, page);
  if (learners.isPending) return <LoadingState />;
  if (learners.isError)
    return <RequestError error={learners.error} onRetry={() => void learners.refetch()} />;
  const { results, next, previous } = learners.data;
  return (
    <section className="card stack stack--small" aria-labelledby="seat-learners">
      <h2 id="seat-learners">{t('seats.learners.heading')}</h2>
      {results.length === 0 ? (
        <p className="muted">{t('seats.learners.none')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table" data-testid="seat-learners">
            <thead>
              <tr>
                <th scope="col">{t('seats.learners.email')}</th>
                <th scope="col">{t('seats.learners.name')}</th>
                <th scope="col">{t('seats.learners.assignedOn')}</th>
                <th scope="col">{t('seats.learners.consent')}</th>
                <th scope="col">{t('seats.learners.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((learner) => (
                <tr key={learner.id}>
                  <td>{learner.email}</td>
                  <td>{learner.full_name}</td>
                  <td>{formatDate(learner.assigned_at, language)}</td>
                  <td>{t(`seats.learners.consentState.${learner.consent}`)}</td>
                  <td>
                    <LearnerProgress learner={learner} />
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
            {t('seats.previousPage')}
          </button>
          <button
            type="button"
            className="button"
            disabled={next === null}
            onClick={() => {
              setPage((current) => current + 1);
            }}
          >
            {t('seats.nextPage')}
          </button>
        </div>
      )}
    </section>
  );
}

export function EmployerSeatsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { slug = '' } = useParams();
  useDocumentTitle(t('seats.title'));
  const pools = useSeatPools(slug);
  const upload = useUploadSeats();
  const [chosen, setChosen] = useState<number | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [month, setMonth] = useState(previousMonth);

  if (pools.isPending) return <LoadingState />;
  if (pools.isError)
    return <RequestError error={pools.error} onRetry={() => void pools.refetch()} />;
  const poolId = chosen ?? pools.data.results[0]?.id ?? null;
  return (
    <div className="stack">
      <h1>{t('seats.title')}</h1>
      <section className="card stack stack--small" aria-labelledby="seat-pools">
        <h2 id="seat-pools">{t('seats.pools.heading')}</h2>
        {pools.data.results.length === 0 ? (
          <p className="muted">{t('seats.pools.none')}</p>
        ) : (
          <div className="table-wrapper">
            <table className="table" data-testid="seat-pools">
              <thead>
                <tr>
                  <th scope="col">{t('seats.pools.target')}</th>
                  <th scope="col">{t('seats.pools.seats')}</th>
                  <th scope="col">{t('seats.pools.free')}</th>
                  <th scope="col">{t('seats.pools.validUntil')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('seats.pools.choose')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {pools.data.results.map((pool) => (
                  <tr key={pool.id}>
                    <td>
                      {pool.target.title}
                      {pool.target.kind === 'program' && (
                        <>
                          {' '}
                          <span className="badge" data-testid="seat-pool-program">
                            {t('seats.pools.program')}
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      {t('seats.pools.usage', {
                        used: formatNumber(pool.used_seats, language),
                        total: formatNumber(pool.seat_count, language),
                      })}
                    </td>
                    <td>{formatNumber(pool.free_seats, language)}</td>
                    <td>{pool.valid_until ? formatDate(pool.valid_until, language) : '—'}</td>
                    <td>
                      <button
                        type="button"
                        className="button"
                        aria-pressed={pool.id === poolId}
                        onClick={() => {
                          setChosen(pool.id);
                          upload.reset();
                        }}
                      >
                        {t('seats.pools.choose')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {poolId !== null && (
        <>
          <form
            className="card stack stack--small"
            aria-labelledby="seat-upload"
            onSubmit={(event) => {
              event.preventDefault();
              if (file) upload.mutate({ organization: slug, poolId, file });
            }}
          >
            <h2 id="seat-upload">{t('seats.upload.heading')}</h2>
            <p className="muted">{t('seats.upload.help')}</p>
            <label className="field">
              <span>{t('seats.upload.file')}</span>
              <input
                type="file"
                accept=".csv,text/csv"
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                }}
              />
            </label>
            <ErrorBanner error={upload.error} />
            <div className="button-row">
              <button
                type="submit"
                className="button button--primary"
                disabled={!file || upload.isPending}
              >
                {upload.isPending ? t('seats.upload.sending') : t('seats.upload.send')}
              </button>
            </div>
          </form>
          {upload.data && <SeatUploadReportTable report={upload.data} />}
          <Learners organization={slug} poolId={poolId} />
        </>
      )}
      <section className="card stack stack--small" aria-labelledby="seat-report">
        <h2 id="seat-report">{t('seats.report.heading')}</h2>
        <p className="muted">{t('seats.report.help')}</p>
        <div className="button-row button-row--end">
          <label className="field">
            <span>{t('seats.report.month')}</span>
            <input
              type="month"
              value={month}
              onChange={(event) => {
                setMonth(event.target.value);
              }}
            />
          </label>
          {/^\d{4}-\d{2}$/.test(month) && (
            <a
              className="button"
              href={`/api/v1/organizations/${encodeURIComponent(slug)}/seats/reports/${month}`}
              download
            >
              {t('seats.report.download')}
            </a>
          )}
        </div>
      </section>
    </div>
  );
}
