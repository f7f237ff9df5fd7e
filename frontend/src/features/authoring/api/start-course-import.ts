/** POST /api/v1/authoring/interchange/imports — a Common Cartridge to analyse, with upload progress. */
import { uploadFile } from '@/lib/http';

import type { CourseImport } from '../types';

export function startCourseImport({
  file,
  organisation,
  onProgress,
}: {
  file: File;
  /** The slug of the institution that will own the course. */
  organisation: string;
  onProgress: (share: number) => void;
}): Promise<CourseImport> {
  return uploadFile<CourseImport>('/api/v1/authoring/interchange/imports', file, onProgress, {
    organisation,
  });
}
