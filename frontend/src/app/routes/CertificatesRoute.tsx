/** /certificates — my certificates, then my event attendance credentials. */
import { CertificatesPage } from '@/features/certificates';
import { MyEventCredentials } from '@/features/events';

export function CertificatesRoute() {
  return (
    <div className="stack">
      <CertificatesPage />
      <MyEventCredentials />
    </div>
  );
}
