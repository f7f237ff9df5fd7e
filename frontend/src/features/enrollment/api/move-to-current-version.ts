/** POST /api/v1/enrollments/<id>/move-to-current-version — continue in the course's newest version. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Enrollment } from '../types';
export function moveToCurrentVersion(enrollmentId: number): Promise<Enrollment> {
  return unwrap(
    apiClient.POST('/api/v1/enrollments/{enrollment_id}/move-to-current-version', {
      params: { path: { enrollment_id: enrollmentId } },
    }),
  );
}

export function useMoveToCurrentVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moveToCurrentVersion,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['enrollment'] }),
  });
}
