/** /studio/analytics — the dashboard (lazy: it brings the chart library). */
import { LoadingState } from '@/components/LoadingState';
import { DashboardPage } from '@/features/analytics';
import { useAuthoringCourses } from '@/features/authoring';

import type { StaffAccess } from '../staff-access';
import { Guard } from './StaffGuard';

function Dashboard({ access }: { access: StaffAccess }) {
  const courses = useAuthoringCourses();
  if (courses.isPending) return <LoadingState />;
  return (
    <DashboardPage
      organizations={access.institutions}
      courses={(courses.data ?? []).map((course) => ({ slug: course.slug, name: course.title }))}
    />
  );
}

export function DashboardRoute() {
  return (
    <Guard allow={(access) => access.canUseStudio}>
      {(access) => <Dashboard access={access} />}
    </Guard>
  );
}
