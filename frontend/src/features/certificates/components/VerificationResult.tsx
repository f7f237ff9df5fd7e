/** A verification result: the status banner, the checks, and what the certificate states. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { countryName, formatDate, formatPercent } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import type { Verification, VerificationStatus } from '../types';
import { EmailCheck } from './EmailCheck';
import { VerificationChecks } from './VerificationChecks';

import './VerificationResult.css';

const STATUS_ICONS: Record<VerificationStatus, string> = {
  valid: '✓',
  revoked: '✗',
  expired: '⌛',
  not_yet_valid: '⌛',
  superseded: '↻',
  unknown: '?',
  invalid: '✗',
};

function StatusBanner({ result, source }: { result: Verification; source: 'id' | 'file' }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = result.status;
  let detail: string;
  if (status === 'revoked') {
    detail = result.revocation_reason
      ? t('verify.revokedReason', { reason: result.revocation_reason })
      : t('verify.revokedBody');
  } else if (status === 'invalid') {
    detail = t('verify.invalidBody');
  } else if (status === 'unknown') {
    detail = source === 'file' ? t('verify.unknownFileBody') : t('verify.unknownBody');
  } else if (status === 'expired') {
    detail = result.expires_on
      ? t('verify.expiredOn', { date: formatDate(result.expires_on, language) })
      : t('verify.expiredBody');
  } else if (status === 'not_yet_valid') {
    detail = t('verify.notYetValidBody');
  } else if (status === 'superseded') {
    detail = t('verify.supersededBody');
  } else {
    detail = source === 'file' ? t('verify.validFileBody') : t('verify.validBody');
  }
  return (
    <div className={`status-banner status-banner--${status}`} role="status" aria-live="polite">
      <span className="status-banner__icon" aria-hidden="true">
        {STATUS_ICONS[status]}
      </span>
      <div>
        <p className="status-banner__title" data-testid="verification-status">
          {t(`verify.status.${status}`)}
        </p>
        <p className="status-banner__detail">{detail}</p>
        {status === 'revoked' && result.revoked_at && (
          <p className="status-banner__detail">
            {t('verify.revokedOn', { date: formatDate(result.revoked_at, language) })}
          </p>
        )}
        {status === 'superseded' && result.superseded_by && (
          <p className="status-banner__detail">
            <Link to={`/verify/${result.superseded_by}`}>{t('verify.seeCurrent')}</Link>
          </p>
        )}
      </div>
    </div>
  );
}

export function VerificationResult({
  result,
  source = 'id',
}: {
  result: Verification;
  /** Whether an id was looked up or a file was checked (the wording differs). */
  source?: 'id' | 'file';
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const hasDetails = result.learner_name !== undefined;
  return (
    <div className="stack verification">
      <StatusBanner result={result} source={source} />
      {hasDetails && (
        <section className="card" aria-labelledby="verify-details-title">
          <h2 id="verify-details-title">{t('verify.detailsHeading')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('verify.learner')}</dt>
              <dd>
                {result.learner_name}
                {result.learner_native_name && (
                  <span className="muted"> · {result.learner_native_name}</span>
                )}
              </dd>
            </div>
            <div>
              <dt>
                {result.basis === 'event_attendance'
                  ? t('verify.event')
                  : result.basis === 'program_completion'
                    ? t('verify.program')
                    : t('verify.course')}
              </dt>
              <dd>
                {result.course_title}
                {result.course_code && <span className="muted"> · {result.course_code}</span>}
              </dd>
            </div>
            {result.institutions && result.institutions.length > 0 && (
              <div>
                <dt>{t('verify.institutions')}</dt>
                <dd>
                  <ul className="plain-list">
                    {result.institutions.map((institution) => (
                      <li key={institution.slug}>
                        <Link to={`/institutions/${institution.slug}`}>{institution.name}</Link>
                        <span className="muted">
                          {' '}
                          · {countryName(institution.country, language)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            {result.basis === 'prior_learning' && (
              <div>
                <dt>{t('verify.basis')}</dt>
                <dd>{t('verify.priorLearning')}</dd>
              </div>
            )}
            {result.basis === 'event_attendance' && (
              <div>
                <dt>{t('verify.basis')}</dt>
                <dd>{t('verify.eventAttendance')}</dd>
              </div>
            )}
            {result.basis === 'program_completion' && (
              <div>
                <dt>{t('verify.basis')}</dt>
                <dd>{t('verify.programCompletion')}</dd>
              </div>
            )}
            {result.issued_on && (
              <div>
                <dt>{t('verify.issuedOn')}</dt>
                <dd>{formatDate(result.issued_on, language)}</dd>
              </div>
            )}
            <div>
              <dt>{t('verify.expiresOn')}</dt>
              <dd>
                {result.expires_on
                  ? formatDate(result.expires_on, language)
                  : t('course.certificateDoesNotExpire')}
              </dd>
            </div>
            {result.grade !== undefined && result.grade !== null && (
              <div>
                <dt>{t('verify.grade')}</dt>
                <dd>
                  {formatPercent(Number(result.grade), language, { maximumFractionDigits: 2 })}
                </dd>
              </div>
            )}
            {result.id && (
              <div>
                <dt>{t('verify.certificateId')}</dt>
                <dd className="monospace">{result.id}</dd>
              </div>
            )}
          </dl>
          {result.competencies && result.competencies.length > 0 && (
            <>
              <h3>{t('verify.competencies')}</h3>
              <ul className="chips">
                {result.competencies.map((competency) => (
                  <li key={competency.code} className="chip chip--static">
                    {competency.name}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {result.is_private && (
        <p className="card muted" data-testid="verification-private">
          {source === 'file' ? t('verify.privateFileNote') : t('verify.privateNote')}
        </p>
      )}
      <VerificationChecks checks={result.checks} />
      {/* A private certificate's credential is served to its holder and owning staff only. */}
      {result.id &&
        !result.is_private &&
        result.status !== 'unknown' &&
        result.status !== 'invalid' && <EmailCheck certificateId={result.id} />}
    </div>
  );
}
