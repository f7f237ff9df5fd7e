/** GET /api/v1/auth/session — the signed-in user, or `null` for an anonymous visitor (a 200 either
 * way: browsers log every 4xx as a console error, and being anonymous is not an error). */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { SESSION_QUERY_KEY } from '@/lib/session';

import type { Me } from '../types';

export async function getSession(): Promise<Me | null> {
  const session = await unwrap(apiClient.GET('/api/v1/auth/session'));
  return session.user;
}

export function meQueryOptions() {
  return queryOptions({
    queryKey: SESSION_QUERY_KEY,
    queryFn: getSession,
    staleTime: 5 * 60_000,
    // Who is signed in does not change with the UI language: a switch need not ask again.
    meta: { isLanguageIndependent: true },
  });
}

export function useMe() {
  return useQuery(meQueryOptions());
}
