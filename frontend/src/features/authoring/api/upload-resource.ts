/** POST /api/v1/authoring/courses/<slug>/resources — a file for a resource lesson, with progress. */
import { useMutation } from '@tanstack/react-query';

import { uploadFile } from '@/lib/http';

import type { Resource } from '../types';

export function uploadResource({
  slug,
  file,
  onProgress,
}: {
  slug: string;
  file: File;
  onProgress: (share: number) => void;
}): Promise<Resource> {
  return uploadFile<Resource>(
    `/api/v1/authoring/courses/${encodeURIComponent(slug)}/resources`,
    file,
    onProgress,
  );
}

export function useUploadResource() {
  return useMutation({ mutationFn: uploadResource });
}
