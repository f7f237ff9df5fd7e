/** GET /api/v1/standards/ and /api/v1/competencies/ — what case studies are tagged with. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { toBackendLanguage, type Language } from '@/lib/languages';

import type { Competency, Standard } from '../types';

export function standardsQueryOptions(language: Language) {
  return queryOptions({
    queryKey: ['practices', 'standards', language] as const,
    queryFn: (): Promise<Standard[]> =>
      unwrap(
        apiClient.GET('/api/v1/standards/', {
          params: { query: { lang: toBackendLanguage(language) } },
        }),
      ),
    staleTime: 60 * 60_000,
  });
}

export function useStandards(language: Language) {
  return useQuery(standardsQueryOptions(language));
}

export function useCompetencies(language: Language) {
  return useQuery({
    queryKey: ['practices', 'competencies', language] as const,
    queryFn: (): Promise<Competency[]> =>
      unwrap(
        apiClient.GET('/api/v1/competencies/', {
          params: { query: { lang: toBackendLanguage(language) } },
        }),
      ),
    staleTime: 60 * 60_000,
  });
}
