/** GET /api/v1/organizations/?kind=institution — the institutions that own courses. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Organization } from '../types';

/** The coalition has a few dozen institutions: one page holds them all. */
const INSTITUTIONS_PAGE_SIZE = 100;

export async function listInstitutions(): Promise<Organization[]> {
  const page = await unwrap(
    apiClient.GET('/api/v1/organizations/', {
      params: { query: { kind: 'institution', page_size: INSTITUTIONS_PAGE_SIZE } },
    }),
  );
  return page.results;
}

export function institutionsQueryOptions() {
  return queryOptions({
    // Organisation names are proper names, the same in every UI language.
    queryKey: ['courses', 'institutions'] as const,
    queryFn: listInstitutions,
    staleTime: 60 * 60_000,
  });
}

export function useInstitutions() {
  return useQuery(institutionsQueryOptions());
}
