/** GET /api/v1/courses/<slug>/ — one published course with its outline. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { toBackendLanguage, type Language } from '@/lib/languages';

import type { CourseDetail } from '../types';

export function getCourse(slug: string, language: Language): Promise<CourseDetail> {
  return unwrap(
    apiClient.GET('/api/v1/courses/{slug}/', {
      params: { path: { slug }, query: { lang: toBackendLanguage(language) } },
    }),
  );
}

export function courseQueryOptions(slug: string, language: Language) {
  return queryOptions({
    queryKey: ['courses', 'detail', slug, language] as const,
    queryFn: () => getCourse(slug, language),
    staleTime: 60_000,
  });
}

export function useCourse(
  slug: string,
  language: Language,
  { enabled = true }: { enabled?: boolean } = {},
) {
  return useQuery({ ...courseQueryOptions(slug, language), enabled: enabled && slug !== '' });
}
