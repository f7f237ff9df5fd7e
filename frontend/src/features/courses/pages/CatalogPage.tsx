/** /courses — search and filter the published catalog; the URL holds every filter and the page. */
import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { isApiError } from '@/lib/api-error';
import { formatNumber } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useCourses } from '../api/list-courses';
import {
  CATALOG_PAGE_SIZE,
  COURSE_ORDERINGS,
  filtersFromSearchParams,
  filtersToSearchParams,
  hasActiveFilters,
} from '../catalog-filters';
import { CatalogFilters, type FilterChange } from '../components/CatalogFilters';
import { CourseCard } from '../components/CourseCard';
import { Pagination } from '../components/Pagination';

import './CatalogPage.css';
import '../components/CourseCard.css';

const NOT_FOUND_STATUS = 404;
const SKELETON_CARDS = 6;

/** Cards of the first row or so, whose covers load at once rather than lazily. */
const ABOVE_THE_FOLD = 3;

function CourseCardSkeleton() {
  return (
    <li className="card course-card course-card--skeleton" aria-hidden="true">
      <span className="skeleton skeleton--short" />
      <span className="skeleton skeleton--title" />
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton skeleton--short" />
    </li>
  );
}

/** What a section beside the courses (the app layer's: case studies) searches and filters by. */
export interface CatalogQuery {
  search: string;
  standard: string;
  competency: string;
}

interface CatalogPageProps {
  /** Rendered after the courses with the same search and filters (composed by the app layer). */
  relatedResults?: (query: CatalogQuery) => ReactNode;
}

export function CatalogPage({ relatedResults }: CatalogPageProps = {}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearchParams(searchParams), [searchParams]);
  const courses = useCourses(filters, language);
  const resultsRef = useRef<HTMLElement>(null);
  const previousPage = useRef(filters.page);
  useDocumentTitle(t('catalog.title'));

  const changeFilters = useCallback(
    (change: FilterChange, { replace = false }: { replace?: boolean } = {}) => {
      const params = filtersToSearchParams(filters);
      for (const [name, value] of Object.entries(change)) {
        if (value) params.set(name, value);
        else params.delete(name);
      }
      // Other filters mean other results: start again on the first page.
      params.delete('page');
      // A round trip through the parser keeps the URL canonical (no defaults, no junk).
      setSearchParams(filtersToSearchParams(filtersFromSearchParams(params)), { replace });
    },
    [filters, setSearchParams],
  );

  const resetFilters = useCallback(() => {
    setSearchParams(new URLSearchParams());
  }, [setSearchParams]);

  // After paging, take keyboard and screen reader users to the top of the new results.
  useEffect(() => {
    if (previousPage.current === filters.page) return;
    previousPage.current = filters.page;
    resultsRef.current?.focus();
  }, [filters.page]);

  const searchForPage = (page: number) =>
    `?${filtersToSearchParams({ ...filters, page }).toString()}`;
  const catalogSearch = `?${filtersToSearchParams(filters).toString()}`;
  const isPastLastPage =
    courses.isError &&
    isApiError(courses.error) &&
    courses.error.status === NOT_FOUND_STATUS &&
    filters.page > 1;

  let status = '';
  if (courses.isPending) status = t('catalog.loading');
  else if (courses.data)
    status = t('catalog.resultCount', {
      count: courses.data.count,
      formattedCount: formatNumber(courses.data.count, language),
    });

  let results;
  if (courses.isPending) {
    results = (
      <ul className="course-grid">
        {Array.from({ length: SKELETON_CARDS }, (_, index) => (
          <CourseCardSkeleton key={index} />
        ))}
      </ul>
    );
  } else if (isPastLastPage) {
    results = (
      <div className="card empty-state">
        <p>{t('catalog.pastLastPage', { page: formatNumber(filters.page, language) })}</p>
        <Link className="button" to={{ search: searchForPage(1) }}>
          {t('catalog.firstPage')}
        </Link>
      </div>
    );
  } else if (courses.isError) {
    results = (
      <div className="stack stack--small">
        <ErrorBanner error={courses.error} />
        <div className="button-row">
          <button className="button" type="button" onClick={() => void courses.refetch()}>
            {t('common.retry')}
          </button>
          {hasActiveFilters(filters) && (
            <button className="button" type="button" onClick={resetFilters}>
              {t('catalog.resetFilters')}
            </button>
          )}
        </div>
      </div>
    );
  } else if (courses.data.count === 0) {
    results = (
      <div className="card empty-state">
        <h3>{t('catalog.emptyTitle')}</h3>
        <p className="muted">{t('catalog.emptyBody')}</p>
        {hasActiveFilters(filters) && (
          <button className="button button--primary" type="button" onClick={resetFilters}>
            {t('catalog.resetFilters')}
          </button>
        )}
      </div>
    );
  } else {
    results = (
      <>
        <ul
          className={courses.isPlaceholderData ? 'course-grid course-grid--stale' : 'course-grid'}
          aria-busy={courses.isPlaceholderData}
        >
          {courses.data.results.map((course, index) => (
            <li key={course.slug}>
              <CourseCard
                course={course}
                catalogSearch={catalogSearch}
                isAboveTheFold={index < ABOVE_THE_FOLD}
              />
            </li>
          ))}
        </ul>
        <Pagination
          page={filters.page}
          pageCount={Math.ceil(courses.data.count / CATALOG_PAGE_SIZE)}
          searchForPage={searchForPage}
        />
      </>
    );
  }

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('catalog.title')}</h1>
        <p className="lead">{t('catalog.lead')}</p>
      </header>
      <CatalogFilters filters={filters} onChange={changeFilters} onReset={resetFilters} />
      <section
        className="catalog-results"
        aria-labelledby="catalog-results-title"
        ref={resultsRef}
        tabIndex={-1}
      >
        <div className="results-bar">
          <h2 id="catalog-results-title" className="visually-hidden">
            {t('catalog.resultsHeading')}
          </h2>
          <p className="results-bar__count" role="status" aria-live="polite">
            {status}
          </p>
          <div className="results-bar__sort">
            <label htmlFor="catalog-ordering">{t('catalog.sortLabel')}</label>
            <select
              id="catalog-ordering"
              className="field__control"
              value={filters.ordering}
              onChange={(event) => {
                changeFilters({ ordering: event.target.value });
              }}
            >
              {COURSE_ORDERINGS.map((ordering) => (
                <option key={ordering} value={ordering}>
                  {t(`catalog.ordering.${ordering}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {results}
      </section>
      {relatedResults?.({
        search: filters.search,
        standard: filters.standard,
        competency: filters.competency,
      })}
    </div>
  );
}
