/** POST /api/v1/verify/bulk — verifiers check up to 100 certificate ids at once. */
import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Verification } from '../types';

/** The API's limit per request; longer lists are sent in batches. */
export const BULK_VERIFY_BATCH = 100;

export async function verifyBulk(ids: readonly string[]): Promise<Verification[]> {
  const results: Verification[] = [];
  for (let start = 0; start < ids.length; start += BULK_VERIFY_BATCH) {
    const batch = ids.slice(start, start + BULK_VERIFY_BATCH);
    results.push(
      ...(await unwrap(apiClient.POST('/api/v1/verify/bulk', { body: { ids: batch } }))),
    );
  }
  return results;
}

export function useVerifyBulk() {
  return useMutation({ mutationFn: verifyBulk });
}
