/** GET /api/v1/authoring/courses/<slug>/diff — the working version against the published one. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Diff } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

export function getDiff(slug: string): Promise<Diff> {
  return unwrap(
    apiClient.GET('/api/v1/authoring/courses/{slug}/diff', { params: { path: { slug } } }),
  );
}

export function diffQueryOptions(slug: string) {
  return queryOptions({
    queryKey: [...AUTHORING_QUERY_KEY, 'diff', slug] as const,
    queryFn: () => getDiff(slug),
  });
}

export function useDiff(slug: string) {
  return useQuery(diffQueryOptions(slug));
}
