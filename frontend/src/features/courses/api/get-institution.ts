/** GET /api/v1/institutions/<slug>/ — public: an institution with one page of its published courses. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { toBackendLanguage, type Language } from '@/lib/languages';

import type { InstitutionPage } from '../types';

/** A grid of three columns, like the catalog's. */
export const INSTITUTION_COURSES_PAGE_SIZE = 9;

export function getInstitution(
  slug: string,
  page: number,
  language: Language,
): Promise<InstitutionPage> {
  return unwrap(
    apiClient.GET('/api/v1/institutions/{slug}/', {
      params: {
        path: { slug },
        query: {
          lang: toBackendLanguage(language),
          page_size: INSTITUTION_COURSES_PAGE_SIZE,
          ...(page > 1 ? { page } : {}),
        },
      },
    }),
  );
}

export function institutionQueryOptions(slug: string, page: number, language: Language) {
  return queryOptions({
    // Course titles and summaries come in the UI language.
    queryKey: ['courses', 'institution', slug, page, language] as const,
    queryFn: () => getInstitution(slug, page, language),
    // Keep the previous page on screen while the next one loads.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useInstitution(slug: string, page: number, language: Language) {
  return useQuery({ ...institutionQueryOptions(slug, page, language), enabled: slug !== '' });
}
