/** GET /api/v1/courses/ — one page of published courses for the catalog's search and filters. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { operations } from '@/api/schema';
import { apiClient, unwrap } from '@/lib/api-client';
import { toBackendLanguage, type Language } from '@/lib/languages';

import { CATALOG_PAGE_SIZE, DEFAULT_ORDERING, type CatalogFilters } from '../catalog-filters';
import type { CourseList } from '../types';

type CourseListQuery = NonNullable<operations['courses_list']['parameters']['query']>;

/** Only what narrows, orders or pages the list is sent, so the backend's defaults stay in charge. */
export function toCourseListQuery(filters: CatalogFilters, language: Language): CourseListQuery {
  const query: CourseListQuery = { lang: toBackendLanguage(language) };
  if (filters.search) query.search = filters.search;
  if (filters.language) query.language = filters.language;
  if (filters.level) query.level = filters.level;
  if (filters.competency) query.competency = filters.competency;
  if (filters.standard) query.standard = filters.standard;
  if (filters.institution) query.institution = filters.institution;
  if (filters.country) query.country = filters.country;
  if (filters.ordering !== DEFAULT_ORDERING) query.ordering = [filters.ordering];
  if (filters.page > 1) query.page = filters.page;
  query.page_size = CATALOG_PAGE_SIZE;
  return query;
}

export function listCourses(filters: CatalogFilters, language: Language): Promise<CourseList> {
  return unwrap(
    apiClient.GET('/api/v1/courses/', {
      params: { query: toCourseListQuery(filters, language) },
    }),
  );
}

export function coursesQueryOptions(filters: CatalogFilters, language: Language) {
  return queryOptions({
    // Titles and summaries come in the UI language, so it is part of the key like every filter.
    queryKey: ['courses', 'list', language, filters] as const,
    queryFn: () => listCourses(filters, language),
    // Keep the previous page on screen while the next one loads instead of flashing a skeleton.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useCourses(filters: CatalogFilters, language: Language) {
  return useQuery(coursesQueryOptions(filters, language));
}
