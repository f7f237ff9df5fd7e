/** POST /api/v1/authoring/courses/<slug>/resources — a file for a resource lesson, with progress. */
import { useMutation } from '@tanstack/react-query';

import type { Resource } from '../types';
import { type CourseFileUpload, uploadCourseFile } from './course-upload';

export function uploadResource(upload: CourseFileUpload): Promise<Resource> {
  return uploadCourseFile<Resource>('resources', upload);
}

export function useUploadResource() {
  return useMutation({ mutationFn: uploadResource });
}
