/** PATCH /api/v1/authoring/courses/<slug>/comments/<id> — resolve a comment, or open it again. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { ReviewComment } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

export function resolveComment({
  slug,
  id,
  isResolved,
}: {
  slug: string;
  id: number;
  isResolved: boolean;
}): Promise<ReviewComment> {
  return unwrap(
    apiClient.PATCH('/api/v1/authoring/courses/{slug}/comments/{comment_id}', {
      params: { path: { slug, comment_id: id } },
      body: { is_resolved: isResolved },
    }),
  );
}

export function useResolveComment(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; isResolved: boolean }) => resolveComment({ slug, ...input }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [...AUTHORING_QUERY_KEY, 'comments', slug] });
    },
  });
}
