/** GET /api/v1/verify/<id> — public: the status of a certificate and the checks made. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';
import type { Language } from '@/lib/languages';

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

/**
 * The check labels and explanations come in the UI language (the request's Accept-Language):
 * the language is part of the key, so a switch asks again instead of showing the old labels.
 */
export function verificationQueryOptions(certificateId: string, language: Language) {
  return queryOptions({
    queryKey: ['certificates', 'verification', certificateId, language] as const,
    queryFn: () => verifyCertificate(certificateId),
    // A revocation must show at once: always ask again when the page is opened.
    staleTime: 0,
  });
}

export function useVerification(certificateId: string, language: Language) {
  return useQuery({
    ...verificationQueryOptions(certificateId, language),
    enabled: certificateId !== '',
  });
}
