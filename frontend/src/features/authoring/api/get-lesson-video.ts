/** GET /api/v1/authoring/courses/<slug>/lessons/<key>/video — a video lesson's newest upload and how
 * its transcode goes (stage, percent, the translated reason of a failure). */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { LessonVideoStatus } from '../types';

export const LESSON_VIDEO_QUERY_KEY = ['authoring', 'lesson-video'] as const;
/** How often to ask while the transcode is queued or running. */
export const TRANSCODE_POLL_MILLISECONDS = 2_000;

export function getLessonVideo(slug: string, lessonKey: string): Promise<LessonVideoStatus> {
  return unwrap(
    apiClient.GET('/api/v1/authoring/courses/{slug}/lessons/{lesson_key}/video', {
      params: { path: { slug, lesson_key: lessonKey } },
    }),
  );
}

export function lessonVideoQueryOptions(slug: string, lessonKey: string) {
  return queryOptions({
    queryKey: [...LESSON_VIDEO_QUERY_KEY, slug, lessonKey] as const,
    queryFn: () => getLessonVideo(slug, lessonKey),
  });
}

/** The lesson video's status, asked for again while its transcode is queued or running. */
export function useLessonVideo(slug: string, lessonKey: string) {
  return useQuery({
    ...lessonVideoQueryOptions(slug, lessonKey),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'pending' || state === 'processing' ? TRANSCODE_POLL_MILLISECONDS : false;
    },
  });
}
