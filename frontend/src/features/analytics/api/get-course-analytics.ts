/** GET /api/v1/analytics/courses/<slug>/ — enrolments, completion, funnel and question difficulty. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import type { Language } from '@/lib/languages';

import type { CourseAnalytics } from '../types';

export function getCourseAnalytics(slug: string): Promise<CourseAnalytics> {
  return unwrap(apiClient.GET('/api/v1/analytics/courses/{slug}/', { params: { path: { slug } } }));
}

export function courseAnalyticsQueryOptions(slug: string, language: Language) {
  return queryOptions({
    // Module titles and prompts come in the UI language.
    queryKey: ['analytics', 'course', slug, language] as const,
    queryFn: () => getCourseAnalytics(slug),
    staleTime: 60_000,
  });
}

export function useCourseAnalytics(slug: string, language: Language) {
  return useQuery(courseAnalyticsQueryOptions(slug, language));
}

/** The same numbers as a CSV file the server writes. */
export function courseAnalyticsCsvUrl(slug: string): string {
  return `/api/v1/analytics/courses/${encodeURIComponent(slug)}.csv`;
}
