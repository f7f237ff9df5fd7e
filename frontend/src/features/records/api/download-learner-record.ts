/** GET /api/v1/me/learner-record?download=1 — my whole record as a signed CLR 2.0, to save. */
import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

/** The file name the server suggests too (`Content-Disposition`). */
export const LEARNER_RECORD_FILENAME = 'learner-record.json';

/** The signed record as a blob, byte for byte as signed (parsing it could reorder nothing, but
 * re-serialising it is pointless: the bytes are what a wallet or verifier gets). */
export function downloadLearnerRecord(): Promise<Blob> {
  return unwrap(
    apiClient.GET('/api/v1/me/learner-record', {
      params: { query: { download: true } },
      parseAs: 'blob',
    }),
  );
}

/** Hand a blob to the browser as a download (a temporary object URL, revoked right after). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function useDownloadLearnerRecord() {
  return useMutation({
    mutationFn: downloadLearnerRecord,
    onSuccess: (blob) => {
      saveBlob(blob, LEARNER_RECORD_FILENAME);
    },
  });
}
