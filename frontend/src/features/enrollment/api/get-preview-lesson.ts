/** GET /api/v1/courses/<slug>/lessons/<key>/preview — a lesson anyone may open before enrolling. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import type { Language } from '@/lib/languages';

import type { PreviewLesson } from '../types';

export function getPreviewLesson(slug: string, lessonKey: string): Promise<PreviewLesson> {
  return unwrap(
    apiClient.GET('/api/v1/courses/{slug}/lessons/{lesson_key}/preview', {
      params: { path: { slug, lesson_key: lessonKey } },
    }),
  );
}

export function previewLessonQueryOptions(slug: string, lessonKey: string, language: Language) {
  return queryOptions({
    queryKey: ['enrollment', 'preview', slug, lessonKey, language] as const,
    queryFn: () => getPreviewLesson(slug, lessonKey),
    staleTime: Infinity, // a published version never changes
  });
}

export function usePreviewLesson(slug: string, lessonKey: string, language: Language) {
  return useQuery(previewLessonQueryOptions(slug, lessonKey, language));
}
