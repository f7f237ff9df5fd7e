/** POST /api/v1/enrollments/<id>/lessons/<key>/launch — open a package lesson: the player page's
 * URL on the content origin (signed, expiring) and that origin, whose messages the page trusts. */
import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { PackageLaunch } from '../types';

export interface LaunchPackageInput {
  enrollmentId: number;
  lessonKey: string;
}

/** 409 (with its reason in `detail`) while the package is not ready; 404 for a lesson the learner
 * may not open. */
export function launchPackage({
  enrollmentId,
  lessonKey,
}: LaunchPackageInput): Promise<PackageLaunch> {
  return unwrap(
    apiClient.POST('/api/v1/enrollments/{enrollment_id}/lessons/{lesson_key}/launch', {
      params: { path: { enrollment_id: enrollmentId, lesson_key: lessonKey } },
    }),
  );
}

export function useLaunchPackage() {
  return useMutation({ mutationFn: launchPackage });
}
