/** GET /api/v1/standards/ — the standards competencies and case studies are tagged with. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { toBackendLanguage, type Language } from '@/lib/languages';

import type { Standard } from '../types';

export function listStandards(language: Language): Promise<Standard[]> {
  return unwrap(
    apiClient.GET('/api/v1/standards/', {
      params: { query: { lang: toBackendLanguage(language) } },
    }),
  );
}

export function standardsQueryOptions(language: Language) {
  return queryOptions({
    queryKey: ['courses', 'standards', language] as const,
    queryFn: () => listStandards(language),
    // The list changes with a release, not within a visit.
    staleTime: 60 * 60_000,
  });
}

export function useStandards(language: Language) {
  return useQuery(standardsQueryOptions(language));
}
