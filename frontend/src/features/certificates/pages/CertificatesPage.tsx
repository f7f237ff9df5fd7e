/** /certificates — my certificates with download, share, LinkedIn and privacy. */
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { isNotSignedIn } from '@/lib/api-error';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useCertificates } from '../api/list-certificates';
import { CertificateCard } from '../components/CertificateCard';

export function CertificatesPage() {
  const { t } = useTranslation();
  const certificates = useCertificates();
  useDocumentTitle(t('certificates.title'));

  if (certificates.isPending) return <LoadingState />;
  if (certificates.isError) {
    if (isNotSignedIn(certificates.error))
      return <Navigate to="/login?next=%2Fcertificates" replace />;
    return (
      <section className="card card--narrow stack stack--small" aria-labelledby="certs-error">
        <h1 id="certs-error">{t('certificates.title')}</h1>
        <ErrorBanner error={certificates.error} />
        <button className="button" type="button" onClick={() => void certificates.refetch()}>
          {t('common.retry')}
        </button>
      </section>
    );
  }
  const current = certificates.data.filter((certificate) => certificate.superseded_by === null);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('certificates.title')}</h1>
        <p className="lead">{t('certificates.lead')}</p>
      </header>
      {current.length === 0 ? (
        <div className="card empty-state">
          <p>{t('certificates.empty')}</p>
          <Link className="button button--primary" to="/learning">
            {t('learning.toMyLearning')}
          </Link>
        </div>
      ) : (
        <ul className="certificate-list">
          {current.map((certificate) => (
            <li key={certificate.id}>
              <CertificateCard certificate={certificate} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
