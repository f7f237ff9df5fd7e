/** /learning — my enrollments, each completed one with its certificate from the certificates feature. */
import { CourseCertificate } from '@/features/certificates';
import { MyLearningPage } from '@/features/enrollment';

import { SignInRequired } from './SignInRequired';

export function MyLearningRoute() {
  return (
    <SignInRequired>
      <MyLearningPage
        renderCertificate={(enrollment) => <CourseCertificate courseSlug={enrollment.course} />}
      />
    </SignInRequired>
  );
}
