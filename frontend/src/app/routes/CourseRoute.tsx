/** /courses/:slug — the course page with the enrolment box of the enrollment feature, which
 * shows a completed course's certificate from the certificates feature. */
import { useMe } from '@/features/accounts';
import { EnrollmentCertificate } from '@/features/certificates';
import { CoursePage } from '@/features/courses';
import { EnrolmentPanel } from '@/features/enrollment';

export function CourseRoute() {
  const me = useMe();
  return (
    <CoursePage
      renderEnrolment={(course) => (
        <EnrolmentPanel
          courseSlug={course.slug}
          isSignedIn={Boolean(me.data)}
          renderCertificate={(enrollmentId) => (
            <EnrollmentCertificate enrollmentId={enrollmentId} />
          )}
        />
      )}
    />
  );
}
