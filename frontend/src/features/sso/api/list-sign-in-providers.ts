/** GET /api/v1/sso/providers?search= — sign-in buttons of organisations whose name matches. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { SignInProvider } from '../types';

/** The backend answers nothing for fewer characters. */
export const MIN_SEARCH_LENGTH = 2;

export async function listSignInProviders(search: string): Promise<SignInProvider[]> {
  const page = await unwrap(
    apiClient.GET('/api/v1/sso/providers', { params: { query: { search } } }),
  );
  return page.results;
}

export function signInProvidersQueryOptions(search: string) {
  return queryOptions({
    queryKey: ['sso', 'sign-in-providers', search] as const,
    queryFn: () => listSignInProviders(search),
    staleTime: 60_000,
    meta: { isLanguageIndependent: true },
  });
}

export function useSignInProviders(search: string) {
  const text = search.trim();
  return useQuery({
    ...signInProvidersQueryOptions(text),
    enabled: text.length >= MIN_SEARCH_LENGTH,
    placeholderData: keepPreviousData,
  });
}
