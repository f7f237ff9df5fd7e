/** PUT and DELETE /api/v1/authoring/courses/<slug>/cover — the course's cover picture. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { uploadFile } from '@/lib/http';

import type { Cover } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

export function setCover({
  slug,
  file,
  onProgress,
}: {
  slug: string;
  file: File;
  onProgress: (share: number) => void;
}): Promise<Cover> {
  return uploadFile<Cover>(
    `/api/v1/authoring/courses/${encodeURIComponent(slug)}/cover`,
    file,
    onProgress,
    {},
    { method: 'PUT' },
  );
}

export async function removeCover(slug: string): Promise<void> {
  await unwrap(
    apiClient.DELETE('/api/v1/authoring/courses/{slug}/cover', { params: { path: { slug } } }),
  );
}

/** After a change the course's authoring view (and its cover) is read again. */
export function useCoverChanged(slug: string) {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({ queryKey: [...AUTHORING_QUERY_KEY, 'course', slug] });
}

export function useRemoveCover(slug: string) {
  const changed = useCoverChanged(slug);
  return useMutation({ mutationFn: () => removeCover(slug), onSuccess: changed });
}
