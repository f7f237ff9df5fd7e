/** POST /api/v1/authoring/courses/<slug>/comments — a remark on one lesson, or on the whole version. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { requestJson } from '@/lib/http';

import type { ReviewComment } from '../types';
import { commentsPath, commentsQueryOptions } from './list-comments';

export function createComment({
  slug,
  body,
  lesson,
}: {
  slug: string;
  body: string;
  lesson: string | null;
}): Promise<ReviewComment> {
  return requestJson<ReviewComment>('POST', commentsPath(slug), { body, lesson });
}

export function useCreateComment(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; lesson: string | null }) =>
      createComment({ slug, ...input }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: commentsQueryOptions(slug).queryKey });
    },
  });
}
