/** /learning — my enrollments, each completed one with its certificate from the certificates feature. */
import { CourseCertificate } from '@/features/certificates';
import { MyLearningPage } from '@/features/enrollment';

export function MyLearningRoute() {
  return (
    <MyLearningPage
      renderCertificate={(enrollment) => <CourseCertificate courseSlug={enrollment.course} />}
    />
  );
}
