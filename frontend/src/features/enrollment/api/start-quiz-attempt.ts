/** POST /api/v1/enrollments/<id>/lessons/<key>/attempts — start (or resume) a quiz attempt. */
import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { QuizAttempt } from '../types';

export interface StartQuizAttemptInput {
  enrollmentId: number;
  lessonKey: string;
}

/** The server times the attempt from now; calling again while it runs answers the same one. */
export function startQuizAttempt({
  enrollmentId,
  lessonKey,
}: StartQuizAttemptInput): Promise<QuizAttempt> {
  return unwrap(
    apiClient.POST('/api/v1/enrollments/{enrollment_id}/lessons/{lesson_key}/attempts', {
      params: { path: { enrollment_id: enrollmentId, lesson_key: lessonKey } },
    }),
  );
}

export function useStartQuizAttempt() {
  return useMutation({ mutationFn: startQuizAttempt });
}
