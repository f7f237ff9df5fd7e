/** POST /api/v1/verify — public: is this PDF byte for byte a certificate the platform issued? */
import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Verification } from '../types';

export function verifyFile(file: File): Promise<Verification> {
  const form = new FormData();
  form.append('file', file);
  return unwrap(
    apiClient.POST('/api/v1/verify', {
      // The schema types the upload as a string; the browser sends the file as multipart.
      body: form as unknown as { file: string },
      bodySerializer: (body) => body as unknown as FormData,
    }),
  );
}

export function useVerifyFile() {
  return useMutation({ mutationFn: verifyFile });
}
