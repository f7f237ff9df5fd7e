/** /learning — the seats employers hold for me (my consent), then my enrollments, each completed one
 * with its certificate from the certificates feature. */
import { CourseCertificate } from '@/features/certificates';
import { MyLearningPage } from '@/features/enrollment';
import { SeatConsentCard } from '@/features/seats';

import { SignInRequired } from './SignInRequired';

export function MyLearningRoute() {
  return (
    <SignInRequired>
      <div className="stack">
        <SeatConsentCard />
        <MyLearningPage
          renderCertificate={(enrollment) => <CourseCertificate courseSlug={enrollment.course} />}
        />
      </div>
    </SignInRequired>
  );
}
