/** POST /api/v1/authoring/courses/<slug>/transitions — submit, approve, request changes, publish, archive. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { VersionSummary, WorkflowAction } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

export function transition({
  slug,
  action,
  comment,
}: {
  slug: string;
  action: WorkflowAction;
  comment: string;
}): Promise<VersionSummary> {
  return unwrap(
    apiClient.POST('/api/v1/authoring/courses/{slug}/transitions', {
      params: { path: { slug } },
      body: { action, comment },
    }),
  );
}

export function useTransition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: transition,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: AUTHORING_QUERY_KEY });
    },
  });
}
