/** GET /api/v1/authoring/courses/<slug>/comments — review comments, oldest first. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { requestJson } from '@/lib/http';

import type { ReviewComment } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

const COMMENTS_PAGE_SIZE = 100;

export function commentsPath(slug: string): string {
  return `/api/v1/authoring/courses/${encodeURIComponent(slug)}/comments`;
}

export async function listComments(slug: string): Promise<ReviewComment[]> {
  const page = await requestJson<{ results: ReviewComment[] }>(
    'GET',
    `${commentsPath(slug)}?page_size=${String(COMMENTS_PAGE_SIZE)}`,
  );
  return page.results;
}

export function commentsQueryOptions(slug: string) {
  return queryOptions({
    queryKey: [...AUTHORING_QUERY_KEY, 'comments', slug] as const,
    queryFn: () => listComments(slug),
  });
}

export function useComments(slug: string) {
  return useQuery(commentsQueryOptions(slug));
}
