/** GET /api/v1/enrollments/<id>/progress/ — exact progress and what is still missing, in words
 * (sentences in the UI language, which the API client sends with every request). */
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import type { Language } from '@/lib/languages';

import type { Progress } from '../types';

export const PROGRESS_QUERY_KEY = ['enrollment', 'progress'] as const;

export function getProgress(enrollmentId: number): Promise<Progress> {
  return unwrap(
    apiClient.GET('/api/v1/enrollments/{enrollment_id}/progress/', {
      params: { path: { enrollment_id: enrollmentId } },
    }),
  );
}

export function progressQueryOptions(enrollmentId: number, language: Language) {
  return queryOptions({
    queryKey: [...PROGRESS_QUERY_KEY, enrollmentId, language] as const,
    queryFn: () => getProgress(enrollmentId),
    staleTime: 30_000,
  });
}

export function useProgress(enrollmentId: number, language: Language) {
  return useQuery(progressQueryOptions(enrollmentId, language));
}

/** The progress of several enrollments at once (My learning). */
export function useProgresses(enrollmentIds: readonly number[], language: Language) {
  return useQueries({
    queries: enrollmentIds.map((enrollmentId) => progressQueryOptions(enrollmentId, language)),
  });
}
