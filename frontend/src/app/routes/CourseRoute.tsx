/** /courses/:slug — the course page with the enrolment box of the enrollment feature. */
import { CoursePage } from '@/features/courses';
import { EnrolmentPanel } from '@/features/enrollment';

export function CourseRoute() {
  return <CoursePage renderEnrolment={(course) => <EnrolmentPanel courseSlug={course.slug} />} />;
}
