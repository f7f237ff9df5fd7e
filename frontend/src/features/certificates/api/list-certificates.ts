/** GET /api/v1/certificates/ — my certificates, newest first, issued or being issued. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Certificate, Page } from '../types';

export const CERTIFICATES_QUERY_KEY = ['certificates', 'list'] as const;

/** While a certificate is being issued (PDF rendering in the background), ask again this often. */
const PENDING_POLL_MILLISECONDS = 2_000;

export async function listCertificates(): Promise<Certificate[]> {
  const page = (await unwrap(
    apiClient.GET('/api/v1/certificates/', {
      // The schema does not declare `page_size` here although the view pages like every list.
      params: { query: { page_size: 100 } as never },
    }),
  )) as unknown as Page<Certificate>;
  return page.results;
}

/** Stop asking after about two minutes: a certificate that slow needs a reload, not a loop. */
const MAX_POLLS = 60;

export function certificatesQueryOptions() {
  return queryOptions({
    queryKey: CERTIFICATES_QUERY_KEY,
    queryFn: listCertificates,
    staleTime: 30_000,
  });
}

/**
 * My certificates; asked for again every two seconds while one is being issued, or while
 * `isWaitingFor` says one that should be there is not yet (a course just completed).
 */
export function useCertificates({
  isWaitingFor,
}: { isWaitingFor?: (certificates: readonly Certificate[]) => boolean } = {}) {
  return useQuery({
    ...certificatesQueryOptions(),
    refetchInterval: (query) => {
      const certificates = query.state.data;
      if (!certificates || query.state.dataUpdateCount > MAX_POLLS) return false;
      const isPending = certificates.some((certificate) => certificate.state === 'pending');
      return isPending || isWaitingFor?.(certificates) ? PENDING_POLL_MILLISECONDS : false;
    },
  });
}
