/** GET /api/v1/enrollments/<id>/ — one of my enrollments. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import type { Language } from '@/lib/languages';

import type { Enrollment } from '../types';

export function getEnrollment(enrollmentId: number): Promise<Enrollment> {
  return unwrap(
    apiClient.GET('/api/v1/enrollments/{enrollment_id}/', {
      params: { path: { enrollment_id: enrollmentId } },
    }),
  );
}

export function enrollmentQueryOptions(enrollmentId: number, language: Language) {
  return queryOptions({
    queryKey: ['enrollment', 'detail', enrollmentId, language] as const,
    queryFn: () => getEnrollment(enrollmentId),
    staleTime: 30_000,
  });
}

export function useEnrollment(
  enrollmentId: number,
  language: Language,
  { enabled = true }: { enabled?: boolean } = {},
) {
  return useQuery({ ...enrollmentQueryOptions(enrollmentId, language), enabled });
}
