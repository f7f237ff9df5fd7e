/** GET /api/v1/authoring/courses/ — the courses of the institutions I am a member of. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { AuthoringCourse } from '../types';

export const AUTHORING_QUERY_KEY = ['authoring'] as const;

export function listAuthoringCourses(): Promise<AuthoringCourse[]> {
  return unwrap(apiClient.GET('/api/v1/authoring/courses/'));
}

export function authoringCoursesQueryOptions() {
  return queryOptions({
    queryKey: [...AUTHORING_QUERY_KEY, 'list'] as const,
    queryFn: listAuthoringCourses,
  });
}

export function useAuthoringCourses() {
  return useQuery(authoringCoursesQueryOptions());
}
