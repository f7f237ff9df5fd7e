/** POST /api/v1/enrollments/<id>/unenroll — leave a course (progress is kept for a return). */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Enrollment } from '../types';
import { ENROLLMENT_STATE_QUERY_KEY } from './get-enrollment-state';
import { ENROLLMENTS_QUERY_KEY } from './list-enrollments';

export function unenroll(enrollmentId: number): Promise<Enrollment> {
  return unwrap(
    apiClient.POST('/api/v1/enrollments/{enrollment_id}/unenroll', {
      params: { path: { enrollment_id: enrollmentId } },
    }),
  );
}

export function useUnenroll() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unenroll,
    onSuccess: (left) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ENROLLMENTS_QUERY_KEY }),
        // A freed place may have moved the waitlist along.
        queryClient.invalidateQueries({ queryKey: [...ENROLLMENT_STATE_QUERY_KEY, left.course] }),
      ]),
  });
}
