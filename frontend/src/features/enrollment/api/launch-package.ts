/** POST /api/v1/enrollments/<id>/lessons/<key>/launch — open a package lesson: the player page's
 * URL on the content origin (signed, expiring) and that origin, whose messages the page trusts. */
import { useMutation } from '@tanstack/react-query';

import type { PackageLaunch } from '@/lib/package-contract';
import { requestJson } from '@/lib/package-http';

export interface LaunchPackageInput {
  enrollmentId: number;
  lessonKey: string;
}

/** 409 while the package is still being stored; 404 for a lesson the learner may not open. */
export function launchPackage({
  enrollmentId,
  lessonKey,
}: LaunchPackageInput): Promise<PackageLaunch> {
  return requestJson<PackageLaunch>(
    'POST',
    `/api/v1/enrollments/${String(enrollmentId)}/lessons/${encodeURIComponent(lessonKey)}/launch`,
  );
}

export function useLaunchPackage() {
  return useMutation({ mutationFn: launchPackage });
}
