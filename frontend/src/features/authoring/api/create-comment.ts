/** POST /api/v1/authoring/courses/<slug>/comments — a remark on one lesson, or on the whole version. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { ReviewComment } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

export function createComment({
  slug,
  body,
  lesson,
}: {
  slug: string;
  body: string;
  lesson: string | null;
}): Promise<ReviewComment> {
  return unwrap(
    apiClient.POST('/api/v1/authoring/courses/{slug}/comments', {
      params: { path: { slug } },
      body: { body, lesson },
    }),
  );
}

export function useCreateComment(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; lesson: string | null }) =>
      createComment({ slug, ...input }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [...AUTHORING_QUERY_KEY, 'comments', slug] });
    },
  });
}
