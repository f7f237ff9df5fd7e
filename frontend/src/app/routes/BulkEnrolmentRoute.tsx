/** /studio/invitations — invite learners to one of the member's courses from a CSV file. */
import { LoadingState } from '@/components/LoadingState';
import { useAuthoringCourses } from '@/features/authoring';
import { BulkEnrolmentPage } from '@/features/enrollment/staff';

import { Guard } from './StaffGuard';

function BulkEnrolment() {
  const courses = useAuthoringCourses();
  if (courses.isPending) return <LoadingState />;
  return (
    <BulkEnrolmentPage
      courses={(courses.data ?? []).map((course) => ({ slug: course.slug, name: course.title }))}
    />
  );
}

export function BulkEnrolmentRoute() {
  return <Guard allow={(access) => access.canUseStudio}>{() => <BulkEnrolment />}</Guard>;
}
