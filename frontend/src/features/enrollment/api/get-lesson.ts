/** GET /api/v1/enrollments/<id>/lessons/<key>/ — a lesson to study (quizzes without answer keys). */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import type { Language } from '@/lib/languages';

import type { LessonContent } from '../types';

export function getLesson(enrollmentId: number, lessonKey: string): Promise<LessonContent> {
  return unwrap(
    apiClient.GET('/api/v1/enrollments/{enrollment_id}/lessons/{lesson_key}/', {
      params: { path: { enrollment_id: enrollmentId, lesson_key: lessonKey } },
    }),
  );
}

export function lessonQueryOptions(enrollmentId: number, lessonKey: string, language: Language) {
  return queryOptions({
    queryKey: ['enrollment', 'lesson', enrollmentId, lessonKey, language] as const,
    queryFn: () => getLesson(enrollmentId, lessonKey),
    // A published version never changes: a lesson once loaded stays right for the visit.
    staleTime: Infinity,
  });
}

export function useLesson(enrollmentId: number, lessonKey: string, language: Language) {
  return useQuery(lessonQueryOptions(enrollmentId, lessonKey, language));
}
