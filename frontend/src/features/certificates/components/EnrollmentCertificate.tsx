/** The certificate of a course just completed (lesson page): "being prepared" while it is made
 * in the background, then the link to it. One live region, so the change is announced. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useEnrollmentCertificate } from '../api/get-enrollment-certificate';

export function EnrollmentCertificate({ enrollmentId }: { enrollmentId: number }) {
  const { t } = useTranslation();
  const certificate = useEnrollmentCertificate(enrollmentId);
  const state = certificate.data?.state;

  return (
    <div role="status" aria-live="polite" className="stack stack--small">
      {(state === 'pending' || certificate.isPending) && (
        <p className="banner__message">{t('certificates.preparing')}</p>
      )}
      {state === 'issued' && certificate.data?.certificate && (
        <>
          <p className="banner__message">{t('certificates.ready')}</p>
          <p className="button-row">
            <a
              className="button button--primary"
              href={`/api/v1/certificates/${certificate.data.certificate}/pdf`}
              download
            >
              {t('certificates.downloadPdf')}
            </a>
            <Link to="/learning">{t('learning.seeCertificate')}</Link>
          </p>
        </>
      )}
      {certificate.isError && <Link to="/learning">{t('learning.seeCertificate')}</Link>}
    </div>
  );
}
