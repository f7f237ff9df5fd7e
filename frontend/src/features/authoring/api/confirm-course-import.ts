/** POST /api/v1/authoring/interchange/imports/<id>/confirm — write the analysed import as a draft. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { CourseImport } from '../types';
import { courseImportQueryKey } from './get-course-import';

export function confirmCourseImport(importId: string): Promise<CourseImport> {
  return unwrap(
    apiClient.POST('/api/v1/authoring/interchange/imports/{import_id}/confirm', {
      params: { path: { import_id: importId } },
    }),
  );
}

export function useConfirmCourseImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmCourseImport,
    onSuccess: (job) => {
      // The answer says `importing`: the import's query takes it and polls until written.
      queryClient.setQueryData(courseImportQueryKey(job.id), job);
    },
  });
}
