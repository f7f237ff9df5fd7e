/** GET /api/v1/enrollments/<id>/certificate — where my enrollment's certificate stands: not
 * earned, pending (the course is complete; the PDF is being made in the background), issued. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { EnrollmentCertificateState } from '../types';

export const ENROLLMENT_CERTIFICATE_QUERY_KEY = ['certificates', 'enrollment'] as const;

/** Ask again after 1, 2, 4, 8 s, then every 15 s while the certificate is being prepared. */
const FIRST_POLL_MILLISECONDS = 1_000;
const LONGEST_POLL_MILLISECONDS = 15_000;

export function pendingPollDelay(pollsSoFar: number): number {
  return Math.min(FIRST_POLL_MILLISECONDS * 2 ** pollsSoFar, LONGEST_POLL_MILLISECONDS);
}

export function getEnrollmentCertificate(
  enrollmentId: number,
): Promise<EnrollmentCertificateState> {
  return unwrap(
    apiClient.GET('/api/v1/enrollments/{enrollment_id}/certificate', {
      params: { path: { enrollment_id: enrollmentId } },
    }),
  );
}

export function enrollmentCertificateQueryOptions(enrollmentId: number) {
  return queryOptions({
    queryKey: [...ENROLLMENT_CERTIFICATE_QUERY_KEY, enrollmentId] as const,
    queryFn: () => getEnrollmentCertificate(enrollmentId),
  });
}

/** The certificate's state, asked for again with backoff while it is pending. */
export function useEnrollmentCertificate(enrollmentId: number) {
  return useQuery({
    ...enrollmentCertificateQueryOptions(enrollmentId),
    refetchInterval: (query) =>
      query.state.data?.state === 'pending'
        ? pendingPollDelay(Math.max(0, query.state.dataUpdateCount - 1))
        : false,
  });
}
