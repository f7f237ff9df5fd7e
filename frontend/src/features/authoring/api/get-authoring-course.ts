/** GET /api/v1/authoring/courses/<slug>/ — versions, workflow history and translation completeness. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { AuthoringCourseDetail } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

export function getAuthoringCourse(slug: string): Promise<AuthoringCourseDetail> {
  return unwrap(apiClient.GET('/api/v1/authoring/courses/{slug}/', { params: { path: { slug } } }));
}

export function authoringCourseQueryOptions(slug: string) {
  return queryOptions({
    queryKey: [...AUTHORING_QUERY_KEY, 'course', slug] as const,
    queryFn: () => getAuthoringCourse(slug),
  });
}

export function useAuthoringCourse(slug: string) {
  return useQuery(authoringCourseQueryOptions(slug));
}
