/** /institutions/:slug — public: an institution, where it is, and the courses it publishes. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { isApiError } from '@/lib/api-error';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useFormat } from '@/lib/use-format';

import { INSTITUTION_COURSES_PAGE_SIZE, useInstitution } from '../api/get-institution';
import { CourseCard } from '../components/CourseCard';
import { Pagination } from '../components/Pagination';
import type { InstitutionPage as Institution } from '../types';

import './CatalogPage.css';
import './CoursePage.css';
import './InstitutionPage.css';

const NOT_FOUND_STATUS = 404;

/** `?page=3` → 3; anything else is the first page. */
function pageFrom(searchParams: URLSearchParams): number {
  const page = Number(searchParams.get('page'));
  return Number.isInteger(page) && page > 1 ? page : 1;
}

function searchForPage(page: number): string {
  return page > 1 ? `?page=${String(page)}` : '?';
}

/** "https://www.rhine-tu.example/" → "www.rhine-tu.example": what a reader recognises. */
function websiteLabel(website: string): string {
  try {
    const url = new URL(website);
    return (url.host + url.pathname).replace(/\/$/, '');
  } catch {
    return website;
  }
}

function InstitutionNotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('institution.notFoundTitle'));
  return (
    <section className="card card--narrow not-found" aria-labelledby="institution-not-found-title">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 id="institution-not-found-title">{t('institution.notFoundTitle')}</h1>
      <p>{t('institution.notFoundBody')}</p>
      <Link className="button button--primary" to="/courses">
        {t('course.browseCatalog')}
      </Link>
    </section>
  );
}

function InstitutionFacts({ institution }: { institution: Institution }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="facts institution-facts">
      <div>
        <dt>{t('institution.countryLabel')}</dt>
        <dd>{format.country(institution.country)}</dd>
      </div>
      {institution.website && (
        <div>
          <dt>{t('institution.websiteLabel')}</dt>
          <dd>
            <a href={institution.website} rel="noopener noreferrer" dir="ltr">
              {websiteLabel(institution.website)}
            </a>
          </dd>
        </div>
      )}
    </dl>
  );
}

function InstitutionCourses({ institution, page }: { institution: Institution; page: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { count, results } = institution.courses;
  const catalogSearch = `?${new URLSearchParams({ institution: institution.slug }).toString()}`;
  return (
    <section className="stack stack--small" aria-labelledby="institution-courses-title">
      <div className="results-bar">
        <h2 id="institution-courses-title">{t('institution.coursesHeading')}</h2>
        {count > 0 && (
          <p className="results-bar__count">
            {t('catalog.resultCount', { count, formattedCount: format.number(count) })}
          </p>
        )}
      </div>
      {count === 0 ? (
        <p className="card empty-state muted">{t('institution.noCourses')}</p>
      ) : (
        <>
          <ul className="course-grid">
            {results.map((course) => (
              <li key={course.slug}>
                <CourseCard course={course} catalogSearch={catalogSearch} />
              </li>
            ))}
          </ul>
          <Pagination
            page={page}
            pageCount={Math.ceil(count / INSTITUTION_COURSES_PAGE_SIZE)}
            searchForPage={searchForPage}
          />
          <p>
            <Link to={{ pathname: '/courses', search: catalogSearch }}>
              {t('institution.searchInCatalog')}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

export function InstitutionPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { slug = '' } = useParams();
  const [searchParams] = useSearchParams();
  const page = pageFrom(searchParams);
  const institution = useInstitution(slug, page, format.language);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const isNotFound =
    institution.isError &&
    isApiError(institution.error) &&
    institution.error.status === NOT_FOUND_STATUS;
  useDocumentTitle(institution.data?.name ?? t('institution.kind'));

  // After paging, take keyboard and screen reader users back to the top of the page.
  const previousPage = useRef(page);
  useEffect(() => {
    if (previousPage.current === page) return;
    previousPage.current = page;
    headingRef.current?.focus();
  }, [page]);

  if (institution.isPending) return <LoadingState />;
  if (isNotFound && page > 1) {
    return (
      <div className="card empty-state">
        <p>{t('institution.pastLastPage', { page: format.number(page) })}</p>
        <Link className="button" to={{ search: searchForPage(1) }}>
          {t('catalog.firstPage')}
        </Link>
      </div>
    );
  }
  if (isNotFound) return <InstitutionNotFound />;
  if (institution.isError) {
    return (
      <section className="card stack stack--small" aria-labelledby="institution-error-title">
        <h1 id="institution-error-title">{t('institution.errorTitle')}</h1>
        <ErrorBanner error={institution.error} />
        <div className="button-row">
          <button className="button" type="button" onClick={() => void institution.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      </section>
    );
  }

  const data = institution.data;
  return (
    <div className="stack">
      <header className="page-header institution-header">
        {data.logo && (
          // The name is right beside it: the logo adds nothing a screen reader should repeat.
          <img className="institution-header__logo" src={data.logo} alt="" />
        )}
        <div>
          <p className="course-header__code">{t('institution.kind')}</p>
          {/* A proper name in any script: its own direction, whatever the page's. */}
          <h1 ref={headingRef} tabIndex={-1} dir="auto">
            {data.name}
          </h1>
          <InstitutionFacts institution={data} />
        </div>
      </header>
      <InstitutionCourses institution={data} page={page} />
    </div>
  );
}
