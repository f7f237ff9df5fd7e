/** POST /api/v1/enrollments/bulk — staff: invite the learners of a CSV file to a course; one result
 * per row. Multipart (the file and the course), sent like every upload, through `uploadFile`. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { uploadFile } from '@/lib/http';

import type { BulkEnrollReport } from '../types';
import { COURSE_INVITATIONS_QUERY_KEY } from './list-course-invitations';

export function bulkEnroll({
  course,
  file,
}: {
  course: string;
  file: File;
}): Promise<BulkEnrollReport> {
  return uploadFile<BulkEnrollReport>('/api/v1/enrollments/bulk', file, () => undefined, {
    course,
  });
}

export function useBulkEnroll() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bulkEnroll,
    onSuccess: (_report, { course }) =>
      queryClient.invalidateQueries({ queryKey: [...COURSE_INVITATIONS_QUERY_KEY, course] }),
  });
}
