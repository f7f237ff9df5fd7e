/** GET /api/v1/auth/me — the signed-in user, or `null` for an anonymous visitor. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';

import type { Me } from '../types';

export const ME_QUERY_KEY = ['accounts', 'me'] as const;

const NOT_AUTHENTICATED_STATUS = 401;

export async function getMe(): Promise<Me | null> {
  try {
    return await unwrap(apiClient.GET('/api/v1/auth/me'));
  } catch (error) {
    // Being anonymous is a normal state, not a failure.
    if (isApiError(error) && error.status === NOT_AUTHENTICATED_STATUS) return null;
    throw error;
  }
}

export function meQueryOptions() {
  return queryOptions({
    queryKey: ME_QUERY_KEY,
    queryFn: getMe,
    staleTime: 5 * 60_000,
    // Who is signed in does not change with the UI language: a switch need not ask again.
    meta: { isLanguageIndependent: true },
  });
}

export function useMe() {
  return useQuery(meQueryOptions());
}
