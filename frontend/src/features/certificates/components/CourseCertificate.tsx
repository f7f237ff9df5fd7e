/** The certificate of one completed course (My learning), looked for until it has been issued. */
import { useTranslation } from 'react-i18next';

import { RequestError } from '@/components/RequestError';

import { useCertificates } from '../api/list-certificates';
import type { Certificate } from '../types';
import { CertificateCard } from './CertificateCard';

function isCurrentFor(certificate: Certificate, courseSlug: string): boolean {
  return certificate.course === courseSlug && certificate.superseded_by === null;
}

export function CourseCertificate({ courseSlug }: { courseSlug: string }) {
  const { t } = useTranslation();
  // Issuing runs in the background right after completion: ask again until it is there.
  const certificates = useCertificates({
    isWaitingFor: (list) => !list.some((candidate) => isCurrentFor(candidate, courseSlug)),
  });
  const certificate = certificates.data?.find((candidate) => isCurrentFor(candidate, courseSlug));

  if (certificates.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (certificates.isError) {
    return <RequestError error={certificates.error} onRetry={() => void certificates.refetch()} />;
  }
  if (!certificate || certificate.state === 'pending')
    return (
      <p className="muted" role="status">
        {t('certificates.pending')}
      </p>
    );
  return <CertificateCard certificate={certificate} headingLevel={3} />;
}
