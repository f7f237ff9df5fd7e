/** GET /api/v1/enrollments/ — my enrollments; only asked for when someone is signed in. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import type { Language } from '@/lib/languages';

import type { Enrollment, Page } from '../types';

/** One page holds every enrollment a learner realistically has (the backend's maximum). */
const ENROLLMENTS_PAGE_SIZE = 100;

export const ENROLLMENTS_QUERY_KEY = ['enrollment', 'list'] as const;

export async function listEnrollments(): Promise<Enrollment[]> {
  const page = (await unwrap(
    apiClient.GET('/api/v1/enrollments/', {
      params: { query: { page_size: ENROLLMENTS_PAGE_SIZE } },
    }),
  )) as unknown as Page<Enrollment>;
  return page.results;
}

export function enrollmentsQueryOptions(language: Language) {
  return queryOptions({
    // Course titles come in the UI language.
    queryKey: [...ENROLLMENTS_QUERY_KEY, language] as const,
    queryFn: listEnrollments,
    staleTime: 30_000,
  });
}

/** `isEnabled: false` for an anonymous visitor: asking would only earn a 401 (a console error). */
export function useEnrollments(
  language: Language,
  { isEnabled = true }: { isEnabled?: boolean } = {},
) {
  return useQuery({ ...enrollmentsQueryOptions(language), enabled: isEnabled });
}

/** The enrollment in one course, from the list (the API has no filter by course). */
export function findEnrollment(
  enrollments: readonly Enrollment[] | undefined,
  courseSlug: string,
): Enrollment | undefined {
  return enrollments?.find((enrollment) => enrollment.course === courseSlug);
}
