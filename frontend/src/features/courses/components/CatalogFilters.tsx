/** The catalog's search box (debounced) and filter selects; every change goes to the URL. */
import { useEffect, useEffectEvent, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { countryName, languageDisplayName } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { useCompetencies } from '../api/list-competencies';
import { useInstitutions } from '../api/list-institutions';
import { useStandards } from '../api/list-standards';
import {
  COURSE_LANGUAGES,
  COURSE_LEVELS,
  hasActiveFilters,
  type CatalogFilters as Filters,
} from '../catalog-filters';
import type { Competency, Organization } from '../types';

import '../pages/CatalogPage.css';

/** Long enough to wait for the next keystroke, short enough to feel instant. */
export const SEARCH_DEBOUNCE_MS = 300;

export type FilterName =
  | 'search'
  | 'language'
  | 'level'
  | 'competency'
  | 'standard'
  | 'institution'
  | 'country'
  | 'ordering';

/** New raw values for some filters; an empty string removes the filter. */
export type FilterChange = Partial<Record<FilterName, string>>;

interface CatalogFiltersProps {
  filters: Filters;
  onChange: (change: FilterChange, options?: { replace?: boolean }) => void;
  onReset: () => void;
}

function FilterSelect({
  label,
  value,
  onValueChange,
  children,
}: {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="field__control"
        value={value}
        onChange={(event) => {
          onValueChange(event.target.value);
        }}
      >
        {children}
      </select>
    </div>
  );
}

/** Domains in the framework's order, each with its competencies. */
function groupByDomain(competencies: readonly Competency[]) {
  return competencies
    .filter((competency) => competency.parent === null)
    .map((domain) => ({
      domain,
      competencies: competencies.filter((competency) => competency.parent === domain.code),
    }));
}

function institutionCountries(institutions: readonly Organization[]): string[] {
  return [...new Set(institutions.map((institution) => institution.country))];
}

export function CatalogFilters({ filters, onChange, onReset }: CatalogFiltersProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const competencies = useCompetencies(language);
  const institutions = useInstitutions();
  const standards = useStandards(language);
  const searchId = useId();

  const [draftSearch, setDraftSearch] = useState(filters.search);
  const [shownSearch, setShownSearch] = useState(filters.search);
  // The URL's search changed without typing (back button, reset, a shared link): show it.
  if (shownSearch !== filters.search) {
    setShownSearch(filters.search);
    setDraftSearch(filters.search);
  }

  const commitSearch = useEffectEvent((search: string) => {
    // Refining a search replaces the history entry, so Back does not replay every pause in typing.
    onChange({ search }, { replace: Boolean(filters.search && search) });
  });

  useEffect(() => {
    const search = draftSearch.trim();
    if (search === filters.search) return;
    const timer = window.setTimeout(() => {
      commitSearch(search);
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [draftSearch, filters.search]);

  const collator = new Intl.Collator(language);
  const institutionList = [...(institutions.data ?? [])].sort((a, b) =>
    collator.compare(a.name, b.name),
  );
  const countries = institutionCountries(institutionList)
    .map((code) => ({ code, name: countryName(code, language) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  const domains = groupByDomain(competencies.data ?? []);
  // A shared link may name a competency or institution before (or without) the lists loading.
  const isCompetencyListed = (competencies.data ?? []).some(
    (competency) => competency.code === filters.competency,
  );
  const isStandardListed = (standards.data ?? []).some(
    (standard) => standard.code === filters.standard,
  );
  const isInstitutionListed = institutionList.some(
    (institution) => institution.slug === filters.institution,
  );
  const isCountryListed = countries.some((country) => country.code === filters.country);

  return (
    <form
      className="catalog-filters"
      role="search"
      aria-label={t('catalog.filtersLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        const search = draftSearch.trim();
        if (search !== filters.search) onChange({ search });
      }}
    >
      <div className="field catalog-filters__search">
        <label className="field__label" htmlFor={searchId}>
          {t('catalog.searchLabel')}
        </label>
        <input
          id={searchId}
          type="search"
          className="field__control"
          value={draftSearch}
          placeholder={t('catalog.searchPlaceholder')}
          autoComplete="off"
          enterKeyHint="search"
          onChange={(event) => {
            setDraftSearch(event.target.value);
          }}
        />
      </div>
      <div className="catalog-filters__grid">
        <FilterSelect
          label={t('catalog.filterLanguage')}
          value={filters.language}
          onValueChange={(value) => {
            onChange({ language: value });
          }}
        >
          <option value="">{t('catalog.allLanguages')}</option>
          {COURSE_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {languageDisplayName(code, language)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('catalog.filterLevel')}
          value={filters.level}
          onValueChange={(value) => {
            onChange({ level: value });
          }}
        >
          <option value="">{t('catalog.allLevels')}</option>
          {COURSE_LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(`level.${level}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('catalog.filterCompetency')}
          value={filters.competency}
          onValueChange={(value) => {
            onChange({ competency: value });
          }}
        >
          <option value="">{t('catalog.allCompetencies')}</option>
          {filters.competency && !isCompetencyListed && (
            <option value={filters.competency}>{filters.competency}</option>
          )}
          {domains.map(({ domain, competencies: children }) => (
            <optgroup key={domain.code} label={domain.name}>
              <option value={domain.code}>
                {t('catalog.wholeDomain', { domain: domain.name })}
              </option>
              {children.map((competency) => (
                <option key={competency.code} value={competency.code}>
                  {competency.name}
                </option>
              ))}
            </optgroup>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('catalog.filterStandard')}
          value={filters.standard}
          onValueChange={(value) => {
            onChange({ standard: value });
          }}
        >
          <option value="">{t('catalog.allStandards')}</option>
          {filters.standard && !isStandardListed && (
            <option value={filters.standard}>{filters.standard}</option>
          )}
          {(standards.data ?? []).map((standard) => (
            <option key={standard.code} value={standard.code}>
              {`${standard.code} — ${standard.title}`}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('catalog.filterInstitution')}
          value={filters.institution}
          onValueChange={(value) => {
            onChange({ institution: value });
          }}
        >
          <option value="">{t('catalog.allInstitutions')}</option>
          {filters.institution && !isInstitutionListed && (
            <option value={filters.institution}>{filters.institution}</option>
          )}
          {institutionList.map((institution) => (
            <option key={institution.slug} value={institution.slug}>
              {institution.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('catalog.filterCountry')}
          value={filters.country}
          onValueChange={(value) => {
            onChange({ country: value });
          }}
        >
          <option value="">{t('catalog.allCountries')}</option>
          {filters.country && !isCountryListed && (
            <option value={filters.country}>{countryName(filters.country, language)}</option>
          )}
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </FilterSelect>
      </div>
      {hasActiveFilters(filters) && (
        <button type="button" className="button button--link" onClick={onReset}>
          {t('catalog.resetFilters')}
        </button>
      )}
    </form>
  );
}
