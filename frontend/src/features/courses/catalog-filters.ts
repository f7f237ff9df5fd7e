/** The catalog's filters as they live in the URL query string, and as the API query they become. */
import { isCountryCode } from '@/lib/countries';

import type { CourseCountry, CourseLanguage, CourseLevel, CourseOrdering } from './types';

/** Courses per page: three rows of the three-column grid. */
export const CATALOG_PAGE_SIZE = 9;

export const COURSE_LEVELS = [
  'beginner',
  'intermediate',
  'advanced',
] as const satisfies readonly CourseLevel[];

export const COURSE_LANGUAGES = [
  'en',
  'zh-hans',
  'de',
  'ar',
] as const satisfies readonly CourseLanguage[];

/** The first entry is the backend's default order, which the URL leaves out. */
export const COURSE_ORDERINGS = [
  'title',
  '-title',
  'hours',
  '-hours',
  '-published',
  'published',
] as const satisfies readonly CourseOrdering[];

export const DEFAULT_ORDERING: CourseOrdering = 'title';

export interface CatalogFilters {
  search: string;
  language: CourseLanguage | '';
  level: CourseLevel | '';
  /** A competency or domain code; the backend says if it does not exist. */
  competency: string;
  /** A standard code (e.g. "IEC 62443"); the backend says if it does not exist. */
  standard: string;
  /** An institution slug; the backend says if it does not exist. */
  institution: string;
  country: CourseCountry | '';
  ordering: CourseOrdering;
  page: number;
}

export const EMPTY_FILTERS: CatalogFilters = {
  search: '',
  language: '',
  level: '',
  competency: '',
  standard: '',
  institution: '',
  country: '',
  ordering: DEFAULT_ORDERING,
  page: 1,
};

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | '' {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

function parsePage(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/**
 * Read the filters from a URL. Values that can never be valid (an unknown level, a page of "abc")
 * are dropped so that a mistyped link still shows courses; codes and slugs go to the backend as they
 * are, because only it knows which exist.
 */
export function filtersFromSearchParams(params: URLSearchParams): CatalogFilters {
  const country = params.get('country')?.toUpperCase() ?? '';
  return {
    search: params.get('search')?.trim() ?? '',
    language: oneOf(COURSE_LANGUAGES, params.get('language')),
    level: oneOf(COURSE_LEVELS, params.get('level')),
    competency: params.get('competency')?.trim() ?? '',
    standard: params.get('standard')?.trim() ?? '',
    institution: params.get('institution')?.trim() ?? '',
    country: isCountryCode(country) ? country : '',
    ordering: oneOf(COURSE_ORDERINGS, params.get('ordering')) || DEFAULT_ORDERING,
    page: parsePage(params.get('page')),
  };
}

/** The shortest query string for these filters: defaults are left out. */
export function filtersToSearchParams(filters: CatalogFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set('search', filters.search);
  if (filters.language) params.set('language', filters.language);
  if (filters.level) params.set('level', filters.level);
  if (filters.competency) params.set('competency', filters.competency);
  if (filters.standard) params.set('standard', filters.standard);
  if (filters.institution) params.set('institution', filters.institution);
  if (filters.country) params.set('country', filters.country);
  if (filters.ordering !== DEFAULT_ORDERING) params.set('ordering', filters.ordering);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

/** Whether anything narrows the list (sorting and paging do not). */
export function hasActiveFilters(filters: CatalogFilters): boolean {
  return Boolean(
    filters.search ||
    filters.language ||
    filters.level ||
    filters.competency ||
    filters.standard ||
    filters.institution ||
    filters.country,
  );
}
