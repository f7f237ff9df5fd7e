/** One of my certificates: status, PDF download, share link, LinkedIn, and the privacy switch. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { formatDate, formatPercent } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { useUpdatePrivacy } from '../api/update-privacy';
import type { Certificate } from '../types';

import './CertificateCard.css';

const COPIED_NOTICE_MILLISECONDS = 3_000;

function ShareLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [isCopied, setIsCopied] = useState(false);
  return (
    <div className="share-link">
      <label className="field__label" htmlFor={inputId}>
        {t('certificates.shareLink')}
      </label>
      <div className="share-link__row">
        <input
          id={inputId}
          className="field__control"
          type="url"
          readOnly
          value={url}
          onFocus={(event) => {
            event.target.select();
          }}
        />
        <button
          type="button"
          className="button"
          onClick={() => {
            void navigator.clipboard
              .writeText(url)
              .then(() => {
                setIsCopied(true);
                window.setTimeout(() => {
                  setIsCopied(false);
                }, COPIED_NOTICE_MILLISECONDS);
              })
              .catch(() => undefined);
          }}
        >
          {t('certificates.copy')}
        </button>
      </div>
      <p className="muted share-link__status" role="status">
        {isCopied ? t('certificates.copied') : ''}
      </p>
    </div>
  );
}

function PrivacySwitch({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const update = useUpdatePrivacy();
  const id = useId();
  return (
    <div className="privacy">
      <div className="switch">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch__input"
          checked={certificate.is_private}
          disabled={update.isPending}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            update.mutate({ certificateId: certificate.id, isPrivate: event.target.checked });
          }}
        />
        <label htmlFor={id} className="switch__label">
          {t('certificates.private')}
        </label>
      </div>
      <p id={`${id}-hint`} className="muted field__hint">
        {certificate.is_private ? t('certificates.privateOn') : t('certificates.privateOff')}
      </p>
      <ErrorBanner error={update.error} />
    </div>
  );
}

export function CertificateCard({
  certificate,
  headingLevel = 2,
}: {
  certificate: Certificate;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const titleId = `certificate-${certificate.id}-title`;
  const status = certificate.state === 'pending' ? 'pending' : certificate.status;

  return (
    <article className="card certificate-card stack stack--small" aria-labelledby={titleId}>
      <p className="certificate-card__facts">
        <span className={`badge badge--certificate-${status}`}>
          {t(`certificates.status.${status as 'pending' | 'valid'}`, {
            defaultValue: status,
          })}
        </span>
        {certificate.issued_at && (
          <span className="muted">
            {t('certificates.issuedOn', { date: formatDate(certificate.issued_at, language) })}
          </span>
        )}
      </p>
      <Heading id={titleId} className="certificate-card__title">
        {certificate.course_title}
      </Heading>
      <p className="muted">
        {[
          certificate.course_code,
          certificate.grade !== null && certificate.show_grade
            ? t('certificates.grade', {
                grade: formatPercent(Number(certificate.grade), language, {
                  maximumFractionDigits: 2,
                }),
              })
            : null,
          certificate.expires_at
            ? t('certificates.expiresOn', { date: formatDate(certificate.expires_at, language) })
            : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {certificate.revoked_at && (
        <div className="banner banner--error" role="status">
          <p className="banner__message">
            {t('verify.revokedReason', { reason: certificate.revocation_reason })}
          </p>
        </div>
      )}
      {certificate.state === 'pending' ? (
        <p className="muted" role="status">
          {t('certificates.pending')}
        </p>
      ) : (
        <>
          <div className="button-row">
            {certificate.pdf_url && (
              <a className="button button--primary" href={certificate.pdf_url} download>
                {t('certificates.downloadPdf')}
              </a>
            )}
            <a
              className="button"
              href={certificate.linkedin_url}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t('certificates.addToLinkedIn')}
              <span className="visually-hidden"> {t('common.opensInNewTab')}</span>
            </a>
            <a className="button button--link" href={`/verify/${certificate.id}`}>
              {t('certificates.verificationPage')}
            </a>
          </div>
          <ShareLink url={certificate.verification_url} />
          <PrivacySwitch certificate={certificate} />
        </>
      )}
    </article>
  );
}
