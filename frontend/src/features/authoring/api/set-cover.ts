/** PUT and DELETE /api/v1/authoring/courses/<slug>/cover — the course's cover picture. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Cover } from '../types';
import { type CourseFileUpload, uploadCourseFile } from './course-upload';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

export function setCover(upload: CourseFileUpload): Promise<Cover> {
  return uploadCourseFile<Cover>('cover', upload, 'PUT');
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
