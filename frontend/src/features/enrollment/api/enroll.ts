/** POST /api/v1/enrollments/ — enrol in a course, or join its waitlist when it is full. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Enrollment } from '../types';
import { ENROLLMENT_STATE_QUERY_KEY } from './get-enrollment-state';
import { ENROLLMENTS_QUERY_KEY } from './list-enrollments';

export function enroll(courseSlug: string): Promise<Enrollment> {
  return unwrap(apiClient.POST('/api/v1/enrollments/', { body: { course: courseSlug } }));
}

export function useEnroll() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: enroll,
    onSuccess: (_created, courseSlug) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ENROLLMENTS_QUERY_KEY }),
        // Places left and my place on the waitlist changed.
        queryClient.invalidateQueries({ queryKey: [...ENROLLMENT_STATE_QUERY_KEY, courseSlug] }),
      ]),
  });
}
