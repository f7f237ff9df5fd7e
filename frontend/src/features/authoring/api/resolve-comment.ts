/** PATCH /api/v1/authoring/courses/<slug>/comments/<id> — resolve a comment, or open it again. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { requestJson } from '@/lib/http';

import type { ReviewComment } from '../types';
import { commentsPath, commentsQueryOptions } from './list-comments';

export function resolveComment({
  slug,
  id,
  isResolved,
}: {
  slug: string;
  id: number;
  isResolved: boolean;
}): Promise<ReviewComment> {
  return requestJson<ReviewComment>('PATCH', `${commentsPath(slug)}/${String(id)}`, {
    is_resolved: isResolved,
  });
}

export function useResolveComment(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; isResolved: boolean }) => resolveComment({ slug, ...input }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: commentsQueryOptions(slug).queryKey });
    },
  });
}
