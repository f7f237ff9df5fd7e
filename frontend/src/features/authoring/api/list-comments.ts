/** GET /api/v1/authoring/courses/<slug>/comments — review comments, oldest first. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { toBackendLanguage, type Language } from '@/lib/languages';

import type { ReviewComment } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

/** The backend's largest page: a review rarely has more comments than that. */
const COMMENTS_PAGE_SIZE = 100;

export async function listComments(slug: string, language: Language): Promise<ReviewComment[]> {
  const page = await unwrap(
    apiClient.GET('/api/v1/authoring/courses/{slug}/comments', {
      params: {
        path: { slug },
        query: { page_size: COMMENTS_PAGE_SIZE, lang: toBackendLanguage(language) },
      },
    }),
  );
  return page.results;
}

export function commentsQueryOptions(slug: string, language: Language) {
  return queryOptions({
    // Lesson titles come in the UI language.
    queryKey: [...AUTHORING_QUERY_KEY, 'comments', slug, language] as const,
    queryFn: () => listComments(slug, language),
  });
}

export function useComments(slug: string, language: Language) {
  return useQuery(commentsQueryOptions(slug, language));
}
