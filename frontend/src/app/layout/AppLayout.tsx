/** The frame of every page: skip link, header with navigation and language switcher, footer. */
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useMatch } from 'react-router';

import { NotificationBell, useLogout, useMe } from '@/features/accounts';
import { LoadingState } from '@/components/LoadingState';

import { staffAccess } from '../staff-access';
import { useSignInWhenSessionEnds } from '../use-sign-in-when-session-ends';
import { LanguageSwitcher } from './LanguageSwitcher';

/**
 * The account links of the last page shown, remembered so that while the session is checked the
 * header keeps their space (invisible) instead of growing under the reader when they come.
 */
const NAVIGATION_HINT_KEY = 'icim.navigation';
type AccountLink = (typeof ACCOUNT_LINKS)[number];
const ACCOUNT_LINKS = [
  'nav.studio',
  'nav.bulkVerify',
  'nav.learning',
  'nav.certificates',
  'nav.profile',
  'nav.logout',
  'nav.login',
  'nav.register',
] as const;
const ANONYMOUS_LINKS: AccountLink[] = ['nav.login', 'nav.register'];

function readNavigationHint(): AccountLink[] {
  try {
    const stored = window.localStorage.getItem(NAVIGATION_HINT_KEY)?.split(',') ?? [];
    const links = ACCOUNT_LINKS.filter((link) => stored.includes(link));
    return links.length ? links : ANONYMOUS_LINKS;
  } catch {
    return ANONYMOUS_LINKS; // storage may be disabled: guess the anonymous header
  }
}

function storeNavigationHint(links: AccountLink[]): void {
  try {
    window.localStorage.setItem(NAVIGATION_HINT_KEY, links.join(','));
  } catch {
    // Only the header's first paint is less steady without it.
  }
}

function AccountNavigation() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const access = me.data ? staffAccess(me.data) : undefined;
  const links: AccountLink[] | undefined = me.isPending
    ? undefined
    : access
      ? [
          ...(access.canUseStudio ? (['nav.studio'] as const) : []),
          ...(access.canVerifyInBulk ? (['nav.bulkVerify'] as const) : []),
          'nav.learning',
          'nav.certificates',
          'nav.profile',
          'nav.logout',
        ]
      : ANONYMOUS_LINKS;
  const linksHint = links?.join(',');
  useEffect(() => {
    if (linksHint !== undefined) storeNavigationHint(linksHint.split(',') as AccountLink[]);
  }, [linksHint]);

  if (access) {
    return (
      <>
        {access.canUseStudio && (
          <li>
            <NavLink to="/studio">{t('nav.studio')}</NavLink>
          </li>
        )}
        {access.canVerifyInBulk && (
          <li>
            <NavLink to="/verify/bulk">{t('nav.bulkVerify')}</NavLink>
          </li>
        )}
        {access.institutions.length > 0 && (
          <li>
            <NavLink to="/moderation">{t('discussions.moderationNav')}</NavLink>
          </li>
        )}
        {access.employers.map((employer) => (
          <li key={employer.slug}>
            <NavLink to={`/organizations/${employer.slug}/seats`}>
              {t('seats.nav', { employer: employer.name })}
            </NavLink>
          </li>
        ))}
        <li>
          <NavLink to="/learning">{t('nav.learning')}</NavLink>
        </li>
        <li>
          <NavLink to="/certificates">{t('nav.certificates')}</NavLink>
        </li>
        <li>
          <NotificationBell />
        </li>
        <li>
          <NavLink to="/profile">{t('nav.profile')}</NavLink>
        </li>
        <li>
          <button
            type="button"
            className="nav__button"
            disabled={logout.isPending}
            onClick={() => {
              logout.mutate();
            }}
          >
            {logout.isPending ? t('nav.loggingOut') : t('nav.logout')}
          </button>
        </li>
      </>
    );
  }
  // While the session is being checked, no links that may flip: their space only.
  if (me.isPending)
    return (
      <>
        {readNavigationHint().map((link) => (
          <li key={link} className="nav__placeholder" aria-hidden="true">
            <span>{t(link)}</span>
          </li>
        ))}
      </>
    );
  return (
    <>
      <li>
        <NavLink to="/login">{t('nav.login')}</NavLink>
      </li>
      <li>
        <NavLink to="/register" className="nav__cta">
          {t('nav.register')}
        </NavLink>
      </li>
    </>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  useSignInWhenSessionEnds();
  // /verify/bulk has its own link ("Verify many"): only that one is current there.
  const isBulkVerification = useMatch('/verify/bulk') !== null;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              I
            </span>
            <span className="brand__text">
              <span className="brand__name">{t('app.name')}</span>
              <span className="brand__tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <nav className="nav" aria-label={t('nav.mainLabel')}>
            <ul className="nav__list">
              <li>
                <NavLink to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/courses">{t('nav.courses')}</NavLink>
              </li>
              <li>
                <NavLink to="/events">{t('events.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/practices">{t('nav.practices')}</NavLink>
              </li>
              <li>
                <NavLink
                  to="/verify"
                  className={({ isActive }) => (isActive && !isBulkVerification ? 'active' : '')}
                  aria-current={isBulkVerification ? 'false' : 'page'}
                >
                  {t('nav.verify')}
                </NavLink>
              </li>
              <AccountNavigation />
            </ul>
          </nav>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
