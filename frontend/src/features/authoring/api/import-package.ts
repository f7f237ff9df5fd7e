/** POST /api/v1/authoring/imports — a `.json` or `.zip` course package file, with progress. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { uploadFile } from '@/lib/http';

import type { ImportedVersion } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

export function importPackage({
  file,
  onProgress,
}: {
  file: File;
  onProgress: (share: number) => void;
}): Promise<ImportedVersion> {
  return uploadFile<ImportedVersion>('/api/v1/authoring/imports', file, onProgress);
}

export function useImportPackage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importPackage,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: AUTHORING_QUERY_KEY });
    },
  });
}
