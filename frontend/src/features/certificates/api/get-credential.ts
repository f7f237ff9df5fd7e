/** GET /api/v1/credentials/<id> — public: the signed Open Badges 3.0 credential, as issued. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

/** The credential as JSON; only the parts the page reads are looked at, defensively. */
export type Credential = Record<string, unknown>;

export function credentialUrl(certificateId: string): string {
  return `/api/v1/credentials/${encodeURIComponent(certificateId)}`;
}

export function getCredential(certificateId: string): Promise<Credential> {
  return unwrap(
    apiClient.GET('/api/v1/credentials/{certificate_id}', {
      params: { path: { certificate_id: certificateId } },
      // Served as `application/vc`, which is JSON.
      parseAs: 'json',
    }),
  );
}

export function credentialQueryOptions(certificateId: string) {
  return queryOptions({
    queryKey: ['certificates', 'credential', certificateId] as const,
    queryFn: () => getCredential(certificateId),
    // Issued credentials never change.
    staleTime: Infinity,
  });
}

export function useCredential(certificateId: string, { enabled }: { enabled: boolean }) {
  return useQuery({ ...credentialQueryOptions(certificateId), enabled });
}
