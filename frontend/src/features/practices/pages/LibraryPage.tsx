/** /practices — the best-practice library: search (any language) and filter by standard and competency. */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { RequestError } from '@/components/RequestError';
import { formatNumber } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { LIBRARY_PAGE_SIZE, useCaseStudies } from '../api/library';
import { useCompetencies, useStandards } from '../api/vocabularies';
import { CaseStudyCard } from '../components/CaseStudyCard';
import type { LibraryQuery } from '../types';

import '../components/practices.css';

const SEARCH_DEBOUNCE_MS = 300;

function queryFromParams(params: URLSearchParams): LibraryQuery {
  const page = Number(params.get('page'));
  return {
    search: params.get('search')?.trim() ?? '',
    standard: params.get('standard')?.trim() ?? '',
    competency: params.get('competency')?.trim() ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function LibraryPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const caseStudies = useCaseStudies(query, language);
  const standards = useStandards(language);
  const competencies = useCompetencies(language);
  const searchId = useId();
  const standardId = useId();
  const competencyId = useId();
  const [draft, setDraft] = useState(query.search);
  useDocumentTitle(t('practices.libraryTitle'));

  const change = (name: keyof LibraryQuery, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'page') next.delete('page');
    setParams(next, { replace: name === 'search' });
  };

  useEffect(() => {
    if (draft.trim() === query.search) return;
    const timer = window.setTimeout(() => {
      const next = new URLSearchParams(params);
      if (draft.trim()) next.set('search', draft.trim());
      else next.delete('search');
      next.delete('page');
      setParams(next, { replace: true });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [draft, query.search, params, setParams]);

  const pageCount = caseStudies.data ? Math.ceil(caseStudies.data.count / LIBRARY_PAGE_SIZE) : 0;
  const page = query.page ?? 1;

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('practices.libraryTitle')}</h1>
        <p className="lead">{t('practices.libraryLead')}</p>
      </header>
      <form
        className="catalog-filters"
        role="search"
        aria-label={t('practices.filtersLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          change('search', draft.trim());
        }}
      >
        <div className="field catalog-filters__search">
          <label className="field__label" htmlFor={searchId}>
            {t('practices.searchLabel')}
          </label>
          <input
            id={searchId}
            type="search"
            className="field__control"
            value={draft}
            autoComplete="off"
            onChange={(event) => {
              setDraft(event.target.value);
            }}
          />
        </div>
        <div className="catalog-filters__grid">
          <div className="field">
            <label className="field__label" htmlFor={standardId}>
              {t('practices.filterStandard')}
            </label>
            <select
              id={standardId}
              className="field__control"
              value={query.standard}
              onChange={(event) => {
                change('standard', event.target.value);
              }}
            >
              <option value="">{t('practices.allStandards')}</option>
              {(standards.data ?? []).map((standard) => (
                <option key={standard.code} value={standard.code}>
                  {`${standard.code} — ${standard.title}`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={competencyId}>
              {t('practices.filterCompetency')}
            </label>
            <select
              id={competencyId}
              className="field__control"
              value={query.competency}
              onChange={(event) => {
                change('competency', event.target.value);
              }}
            >
              <option value="">{t('practices.allCompetencies')}</option>
              {(competencies.data ?? []).map((competency) => (
                <option key={competency.code} value={competency.code}>
                  {competency.parent ? `— ${competency.name}` : competency.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>
      <section aria-labelledby="library-results" className="stack stack--small">
        <h2 id="library-results" className="visually-hidden">
          {t('practices.results')}
        </h2>
        <p role="status" aria-live="polite">
          {caseStudies.data
            ? t('practices.resultCount', {
                count: caseStudies.data.count,
                formattedCount: formatNumber(caseStudies.data.count, language),
              })
            : t('practices.loading')}
        </p>
        {caseStudies.isError && (
          <RequestError
            error={caseStudies.error}
            onRetry={() => {
              void caseStudies.refetch();
            }}
          />
        )}
        {caseStudies.data && caseStudies.data.count === 0 && (
          <div className="card empty-state">
            <p className="muted">{t('practices.noneMatching')}</p>
          </div>
        )}
        {caseStudies.data && caseStudies.data.count > 0 && (
          <ul className="case-study-grid">
            {caseStudies.data.results.map((caseStudy) => (
              <li key={caseStudy.slug}>
                <CaseStudyCard caseStudy={caseStudy} />
              </li>
            ))}
          </ul>
        )}
        {pageCount > 1 && (
          <nav className="button-row" aria-label={t('practices.pagination')}>
            {page > 1 && (
              <Link className="button" to={`?${withPage(params, page - 1)}`}>
                {t('practices.previousPage')}
              </Link>
            )}
            {page < pageCount && (
              <Link className="button" to={`?${withPage(params, page + 1)}`}>
                {t('practices.nextPage')}
              </Link>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}

function withPage(params: URLSearchParams, page: number): string {
  const next = new URLSearchParams(params);
  next.set('page', String(page));
  return next.toString();
}
