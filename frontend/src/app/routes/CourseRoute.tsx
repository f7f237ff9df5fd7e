/** /courses/:slug — the course page with the enrolment box of the enrollment feature, which
 * shows a completed course's certificate from the certificates feature. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useMe } from '@/features/accounts';
import { EnrollmentCertificate } from '@/features/certificates';
import { CoursePage } from '@/features/courses';
import { EnrolmentPanel, findEnrollment, useEnrollments } from '@/features/enrollment';
import { useLanguage } from '@/lib/use-language';

import { staffAccess } from '../staff-access';

/** The way into the course's discussions, for its enrolled learners (the API decides). */
function DiscussionsLink({
  courseSlug,
  isSignedIn,
  isStaff,
}: {
  courseSlug: string;
  isSignedIn: boolean;
  isStaff: boolean;
}) {
  const { t } = useTranslation();
  const enrollments = useEnrollments(useLanguage(), { isEnabled: isSignedIn });
  const mine = findEnrollment(enrollments.data, courseSlug);
  const isReader = mine?.status === 'active' || mine?.status === 'completed';
  if (!isReader && !isStaff) return null;
  return (
    <p>
      <Link className="button" to={`/courses/${courseSlug}/discussions`}>
        {t('discussions.openTab')}
      </Link>
    </p>
  );
}

export function CourseRoute() {
  const me = useMe();
  return (
    <CoursePage
      renderEnrolment={(course) => (
        <>
          <EnrolmentPanel
            courseSlug={course.slug}
            isSignedIn={Boolean(me.data)}
            renderCertificate={(enrollmentId) => (
              <EnrollmentCertificate enrollmentId={enrollmentId} />
            )}
          />
          <DiscussionsLink
            courseSlug={course.slug}
            isSignedIn={Boolean(me.data)}
            isStaff={course.institutions.some((institution) =>
              staffAccess(me.data).institutions.some((mine) => mine.slug === institution.slug),
            )}
          />
        </>
      )}
    />
  );
}
