/** POST /api/v1/enrollments/ — enrol in a course, or join its waitlist when it is full. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Enrollment } from '../types';
import { ENROLLMENTS_QUERY_KEY } from './list-enrollments';

export function enroll(courseSlug: string): Promise<Enrollment> {
  return unwrap(apiClient.POST('/api/v1/enrollments/', { body: { course: courseSlug } }));
}

export function useEnroll() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: enroll,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ENROLLMENTS_QUERY_KEY }),
  });
}
