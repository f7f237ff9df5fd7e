/** / — what the platform is, and the way in. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { useMe } from '@/features/accounts';
import { useDocumentTitle } from '@/lib/use-document-title';

import './HomePage.css';

const FEATURES = [
  { title: 'home.featureCoursesTitle', body: 'home.featureCoursesBody', icon: '⚙' },
  { title: 'home.featureProgressTitle', body: 'home.featureProgressBody', icon: '◔' },
  { title: 'home.featureCertificatesTitle', body: 'home.featureCertificatesBody', icon: '✓' },
] as const;

/** A search box that opens the catalog with the query, the way into the courses. */
function CourseSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inputId = useId();
  const [search, setSearch] = useState('');
  return (
    <section className="card home-search" aria-labelledby="home-search-title">
      <h2 id="home-search-title">{t('home.searchHeading')}</h2>
      <form
        className="home-search__form"
        role="search"
        aria-labelledby="home-search-title"
        onSubmit={(event) => {
          event.preventDefault();
          const query = search.trim();
          const params = query ? `?${new URLSearchParams({ search: query }).toString()}` : '';
          void navigate(`/courses${params}`);
        }}
      >
        <label className="visually-hidden" htmlFor={inputId}>
          {t('home.searchLabel')}
        </label>
        <input
          id={inputId}
          type="search"
          className="field__control"
          value={search}
          placeholder={t('catalog.searchPlaceholder')}
          enterKeyHint="search"
          onChange={(event) => {
            setSearch(event.target.value);
          }}
        />
        <button type="submit" className="button button--primary">
          {t('home.searchSubmit')}
        </button>
      </form>
      <p className="home-search__browse">
        <Link to="/courses">{t('home.browseAll')}</Link>
      </p>
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t('nav.home'));

  return (
    <div className="stack stack--large">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="hero__lead">{t('home.lead')}</p>
        <div className="hero__actions">
          {me.data ? (
            <>
              <p className="hero__welcome">{t('home.welcome', { name: me.data.full_name })}</p>
              <Link className="button button--primary" to="/profile">
                {t('home.profileCta')}
              </Link>
            </>
          ) : (
            <>
              <Link className="button button--primary" to="/register">
                {t('home.registerCta')}
              </Link>
              <Link className="button" to="/login">
                {t('home.loginCta')}
              </Link>
            </>
          )}
        </div>
      </section>
      <CourseSearch />
      <section aria-labelledby="features-title">
        <h2 id="features-title">{t('home.featuresHeading')}</h2>
        <ul className="feature-grid">
          {FEATURES.map((feature) => (
            <li key={feature.title} className="card feature">
              <span className="feature__icon" aria-hidden="true">
                {feature.icon}
              </span>
              <h3>{t(feature.title)}</h3>
              <p>{t(feature.body)}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
