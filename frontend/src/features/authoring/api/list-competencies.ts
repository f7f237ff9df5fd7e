/** GET /api/v1/competencies/ — the framework for the editor's competency picker. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { toBackendLanguage, type Language } from '@/lib/languages';

import type { Competency } from '../types';

export function listCompetencies(language: Language): Promise<Competency[]> {
  return unwrap(
    apiClient.GET('/api/v1/competencies/', {
      params: { query: { lang: toBackendLanguage(language) } },
    }),
  );
}

export function competenciesQueryOptions(language: Language) {
  return queryOptions({
    queryKey: ['authoring', 'competencies', language] as const,
    queryFn: () => listCompetencies(language),
    staleTime: Infinity,
  });
}

export function useCompetencies(language: Language) {
  return useQuery(competenciesQueryOptions(language));
}
