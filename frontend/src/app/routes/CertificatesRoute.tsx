/** /certificates — my certificates, then my event attendance credentials, then my whole record
 * (CLR 2.0) to download. */
import { CertificatesPage } from '@/features/certificates';
import { MyEventCredentials } from '@/features/events';
import { LearnerRecordDownload } from '@/features/records';

export function CertificatesRoute() {
  return (
    <div className="stack">
      <CertificatesPage />
      <MyEventCredentials />
      <LearnerRecordDownload />
    </div>
  );
}
