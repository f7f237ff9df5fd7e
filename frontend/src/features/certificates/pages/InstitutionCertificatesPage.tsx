/** /studio/certificates — the certificates my institutions issued: filter, look up, revoke. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { SuccessBanner } from '@/components/SuccessBanner';
import { RequestError } from '@/components/RequestError';
import { formatDate } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import {
  INSTITUTION_CERTIFICATES_PAGE_SIZE,
  useInstitutionCertificates,
} from '../api/list-institution-certificates';
import { useVerification } from '../api/verify-certificate';
import { ReinstateForm } from '../components/ReinstateForm';
import { RevokeForm } from '../components/RevokeForm';
import type { InstitutionCertificateFilters } from '../types';

import './VerifyPage.css';
import './InstitutionCertificatesPage.css';

const EMPTY_FILTERS: InstitutionCertificateFilters = {
  course: '',
  status: '',
  issuedFrom: '',
  issuedUntil: '',
  search: '',
  page: 1,
};
const STATUSES = ['valid', 'revoked', 'expired', 'superseded'] as const;

function LookUp({ canRevoke }: { canRevoke: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [certificateId, setCertificateId] = useState('');
  const [isRevoking, setIsRevoking] = useState(false);
  const [revoked, setRevoked] = useState(false);
  const [isReinstating, setIsReinstating] = useState(false);
  const [reinstated, setReinstated] = useState(false);
  const language = useLanguage();
  const verification = useVerification(certificateId, language);
  const result = verification.data;
  return (
    <section className="card stack stack--small" aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t('staffCertificates.lookUpTitle')}</h2>
      <form
        className="verify-form__row"
        onSubmit={(event) => {
          event.preventDefault();
          setRevoked(false);
          setIsRevoking(false);
          setReinstated(false);
          setIsReinstating(false);
          setCertificateId(text.trim());
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="lookup-id">
            {t('staffCertificates.certificateId')}
          </label>
          <input
            id="lookup-id"
            className="field__control monospace"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
            }}
          />
        </div>
        <button type="submit" className="button" disabled={!text.trim()}>
          {t('staffCertificates.lookUp')}
        </button>
      </form>
      {verification.isLoading && <LoadingState />}
      {verification.isError && <ErrorBanner error={verification.error} />}
      {revoked && <SuccessBanner>{t('staffCertificates.revoked')}</SuccessBanner>}
      {reinstated && <SuccessBanner>{t('staffCertificates.reinstated')}</SuccessBanner>}
      {result && (
        <div className="stack stack--small" data-testid="lookup-result">
          <p>
            <strong>{result.course_title ?? result.id}</strong>
            {result.learner_name && <> · {result.learner_name}</>} ·{' '}
            <span className={`badge badge--certificate-${result.status}`}>
              {t(`verify.status.${result.status}`)}
            </span>
          </p>
          {result.revocation_reason && (
            <p>{t('staffCertificates.reasonShown', { reason: result.revocation_reason })}</p>
          )}
          <p>
            <Link to={`/verify/${result.id ?? certificateId}`}>
              {t('staffCertificates.publicPage')}
            </Link>
          </p>
          {canRevoke && result.status === 'valid' && !isRevoking && (
            <div>
              <button
                type="button"
                className="button button--danger"
                onClick={() => {
                  setIsRevoking(true);
                }}
              >
                {t('staffCertificates.revoke')}
              </button>
            </div>
          )}
          {isRevoking && (
            <RevokeForm
              certificateId={certificateId}
              description={result.course_title ?? certificateId}
              onCancel={() => {
                setIsRevoking(false);
              }}
              onDone={() => {
                setIsRevoking(false);
                setRevoked(true);
                setReinstated(false);
                void verification.refetch();
              }}
            />
          )}
          {canRevoke && result.status === 'revoked' && !isReinstating && (
            <div>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setIsReinstating(true);
                }}
              >
                {t('staffCertificates.reinstate')}
              </button>
            </div>
          )}
          {isReinstating && (
            <ReinstateForm
              certificateId={certificateId}
              description={result.course_title ?? certificateId}
              onCancel={() => {
                setIsReinstating(false);
              }}
              onDone={() => {
                setIsReinstating(false);
                setReinstated(true);
                setRevoked(false);
                void verification.refetch();
              }}
            />
          )}
        </div>
      )}
    </section>
  );
}

function Register({ canRevoke }: { canRevoke: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filters, setFilters] = useState(EMPTY_FILTERS);
  const [revoking, setRevoking] = useState<string | null>(null);
  const certificates = useInstitutionCertificates(filters);
  const set = (change: Partial<InstitutionCertificateFilters>) => {
    setFilters({ ...filters, page: 1, ...change });
  };

  return (
    <section className="card stack" aria-labelledby="register-title">
      <h2 id="register-title">{t('staffCertificates.register')}</h2>
      <form
        className="filters-grid"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="cert-search">
            {t('staffCertificates.search')}
          </label>
          <input
            id="cert-search"
            type="search"
            className="field__control"
            value={filters.search}
            onChange={(event) => {
              set({ search: event.target.value });
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="cert-course">
            {t('staffCertificates.course')}
          </label>
          <input
            id="cert-course"
            className="field__control"
            value={filters.course}
            onChange={(event) => {
              set({ course: event.target.value });
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="cert-status">
            {t('staffCertificates.status')}
          </label>
          <select
            id="cert-status"
            className="field__control"
            value={filters.status}
            onChange={(event) => {
              set({ status: event.target.value as InstitutionCertificateFilters['status'] });
            }}
          >
            <option value="">{t('staffCertificates.anyStatus')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`verify.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="cert-after">
            {t('staffCertificates.issuedAfter')}
          </label>
          <input
            id="cert-after"
            type="date"
            className="field__control"
            value={filters.issuedFrom}
            onChange={(event) => {
              set({ issuedFrom: event.target.value });
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="cert-before">
            {t('staffCertificates.issuedBefore')}
          </label>
          <input
            id="cert-before"
            type="date"
            className="field__control"
            value={filters.issuedUntil}
            onChange={(event) => {
              set({ issuedUntil: event.target.value });
            }}
          />
        </div>
      </form>
      {certificates.isPending && <LoadingState />}
      {certificates.isError && (
        <RequestError error={certificates.error} onRetry={() => void certificates.refetch()} />
      )}
      {certificates.data && (
        <>
          <p role="status">{t('staffCertificates.count', { count: certificates.data.count })}</p>
          <div className="table-wrapper">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('staffCertificates.learner')}</th>
                  <th scope="col">{t('staffCertificates.course')}</th>
                  <th scope="col">{t('staffCertificates.issued')}</th>
                  <th scope="col">{t('staffCertificates.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('staffCertificates.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {certificates.data.results.map((certificate) => (
                  <tr key={certificate.id}>
                    <td>
                      {certificate.learner_name}
                      {certificate.learner_email && (
                        <div className="muted">{certificate.learner_email}</div>
                      )}
                    </td>
                    <td>{certificate.course_title}</td>
                    <td>{formatDate(certificate.issued_on, language)}</td>
                    <td>
                      <span className={`badge badge--certificate-${certificate.status}`}>
                        {t(`verify.status.${certificate.status}`)}
                      </span>
                      {certificate.revocation_reason && (
                        <div className="muted">{certificate.revocation_reason}</div>
                      )}
                    </td>
                    <td>
                      <Link to={`/verify/${certificate.id}`}>
                        {t('staffCertificates.publicPage')}
                      </Link>
                      {canRevoke && certificate.status === 'valid' && (
                        <button
                          type="button"
                          className="button button--small button--danger"
                          onClick={() => {
                            setRevoking(certificate.id);
                          }}
                        >
                          {t('staffCertificates.revoke')}
                          <span className="visually-hidden"> {certificate.learner_name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {revoking && (
            <RevokeForm
              certificateId={revoking}
              description={
                certificates.data.results.find((item) => item.id === revoking)?.course_title ??
                revoking
              }
              onCancel={() => {
                setRevoking(null);
              }}
              onDone={() => {
                setRevoking(null);
              }}
            />
          )}
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={filters.page <= 1}
              onClick={() => {
                setFilters({ ...filters, page: filters.page - 1 });
              }}
            >
              {t('pagination.previous')}
            </button>
            <button
              type="button"
              className="button"
              disabled={
                filters.page * INSTITUTION_CERTIFICATES_PAGE_SIZE >= certificates.data.count
              }
              onClick={() => {
                setFilters({ ...filters, page: filters.page + 1 });
              }}
            >
              {t('pagination.next')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

export function InstitutionCertificatesPage({ canRevoke }: { canRevoke: boolean }) {
  const { t } = useTranslation();
  useDocumentTitle(t('staffCertificates.title'));
  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('staffCertificates.title')}</h1>
        <p className="lead">{t('staffCertificates.lead')}</p>
      </header>
      <LookUp canRevoke={canRevoke} />
      <Register canRevoke={canRevoke} />
    </div>
  );
}
