/** GET /api/v1/courses/<slug>/enrollment — whether one can enrol now (window, places, prerequisites)
 * and where I stand; `my_enrollment` and `missing_prerequisites` are null for a signed-out visitor. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import type { Language } from '@/lib/languages';

import type { EnrollmentState } from '../types';

export const ENROLLMENT_STATE_QUERY_KEY = ['enrollment', 'state'] as const;

export function getEnrollmentState(courseSlug: string): Promise<EnrollmentState> {
  return unwrap(
    apiClient.GET('/api/v1/courses/{slug}/enrollment', {
      params: { path: { slug: courseSlug } },
    }),
  );
}

export function enrollmentStateQueryOptions(courseSlug: string, language: Language) {
  return queryOptions({
    // Prerequisite titles come in the UI language.
    queryKey: [...ENROLLMENT_STATE_QUERY_KEY, courseSlug, language] as const,
    queryFn: () => getEnrollmentState(courseSlug),
    // Places left change with every enrolment: a short cache, refreshed on each visit after that.
    staleTime: 10_000,
  });
}

export function useEnrollmentState(courseSlug: string, language: Language) {
  return useQuery(enrollmentStateQueryOptions(courseSlug, language));
}
