/** GET /api/v1/verify/<id> — public: the status of a certificate and the checks made. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';

import type { Verification } from '../types';

const NOT_FOUND_STATUS = 404;

/** An id the platform never issued answers 404; to a verifier that is the result "unknown". */
export async function verifyCertificate(certificateId: string): Promise<Verification> {
  try {
    return await unwrap(
      apiClient.GET('/api/v1/verify/{certificate_id}', {
        params: { path: { certificate_id: certificateId } },
      }),
    );
  } catch (error) {
    if (isApiError(error) && error.status === NOT_FOUND_STATUS)
      return { id: certificateId, status: 'unknown', checks: [] };
    throw error;
  }
}

export function verificationQueryOptions(certificateId: string) {
  return queryOptions({
    queryKey: ['certificates', 'verification', certificateId] as const,
    queryFn: () => verifyCertificate(certificateId),
    // A revocation must show at once: always ask again when the page is opened.
    staleTime: 0,
  });
}

export function useVerification(certificateId: string) {
  return useQuery({ ...verificationQueryOptions(certificateId), enabled: certificateId !== '' });
}
