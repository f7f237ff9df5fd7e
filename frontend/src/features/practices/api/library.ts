/** GET /api/v1/practices/ and /api/v1/practices/<slug>/ — the public library. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { toBackendLanguage, type Language } from '@/lib/languages';

import type { CaseStudyDetail, CaseStudyList, LibraryQuery } from '../types';

export const LIBRARY_PAGE_SIZE = 12;

export function listCaseStudies(
  query: LibraryQuery,
  language: Language,
  pageSize: number,
): Promise<CaseStudyList> {
  return unwrap(
    apiClient.GET('/api/v1/practices/', {
      params: {
        query: {
          lang: toBackendLanguage(language),
          page_size: pageSize,
          ...(query.search ? { search: query.search } : {}),
          ...(query.standard ? { standard: query.standard } : {}),
          ...(query.competency ? { competency: query.competency } : {}),
          ...(query.page && query.page > 1 ? { page: query.page } : {}),
        },
      },
    }),
  );
}

export function caseStudiesQueryOptions(
  query: LibraryQuery,
  language: Language,
  pageSize = LIBRARY_PAGE_SIZE,
) {
  return queryOptions({
    queryKey: ['practices', 'list', language, query, pageSize] as const,
    queryFn: () => listCaseStudies(query, language, pageSize),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useCaseStudies(query: LibraryQuery, language: Language, pageSize?: number) {
  return useQuery(caseStudiesQueryOptions(query, language, pageSize));
}

export function getCaseStudy(slug: string, language: Language): Promise<CaseStudyDetail> {
  return unwrap(
    apiClient.GET('/api/v1/practices/{slug}/', {
      params: { path: { slug }, query: { lang: toBackendLanguage(language) } },
    }),
  );
}

export function useCaseStudy(slug: string, language: Language) {
  return useQuery({
    queryKey: ['practices', 'detail', slug, language] as const,
    queryFn: () => getCaseStudy(slug, language),
  });
}
