/** "Sign in with your organisation" on the log-in page: find the organisation, follow its button to
 * /sso/<slug>/login/ (a full page load: the provider's pages are not the SPA's); and why the last
 * single sign-on failed, from `?sso_error=`. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { TextField } from '@/components/fields';

import { MIN_SEARCH_LENGTH, useSignInProviders } from '../api/list-sign-in-providers';
import { knownCode, loginUrlWithNext } from '../sign-in';

import './OrganizationSignIn.css';

export function OrganizationSignIn({
  errorCode,
  next,
}: {
  errorCode: string | null;
  next: string | null;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [search, setSearch] = useState('');
  const providers = useSignInProviders(search);
  const isSearching = search.trim().length >= MIN_SEARCH_LENGTH;

  return (
    <section className="sso-sign-in stack stack--small" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('sso.heading')}</h2>
      {errorCode && (
        <div className="banner banner--error" role="alert">
          <p className="banner__message">{t(`sso.errors.${knownCode(errorCode)}`)}</p>
        </div>
      )}
      <TextField
        id="sso-organization"
        label={t('sso.searchLabel')}
        hint={t('sso.searchHint')}
        value={search}
        onValueChange={setSearch}
        type="search"
        autoComplete="organization"
      />
      <ErrorBanner error={providers.error} />
      {isSearching && providers.data && providers.data.length === 0 && <p>{t('sso.noneFound')}</p>}
      {isSearching && providers.data && providers.data.length > 0 && (
        <ul className="stack stack--small" aria-label={t('sso.resultsLabel')}>
          {providers.data.map((provider) => (
            <li key={provider.slug}>
              <a className="button" href={loginUrlWithNext(provider.login_url, next)}>
                {t('sso.signInWith', { name: provider.name })}
              </a>{' '}
              <span className="muted">{provider.organization_name}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
