/** The frame of every page: skip link, header with navigation and language switcher, footer. */
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useMatch } from 'react-router';

import { useLogout, useMe } from '@/features/accounts';
import { LoadingState } from '@/components/LoadingState';

import { staffAccess } from '../staff-access';
import { useSignInWhenSessionEnds } from '../use-sign-in-when-session-ends';
import { LanguageSwitcher } from './LanguageSwitcher';

function AccountNavigation() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();

  if (me.data) {
    const access = staffAccess(me.data);
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
        <li>
          <NavLink to="/learning">{t('nav.learning')}</NavLink>
        </li>
        <li>
          <NavLink to="/certificates">{t('nav.certificates')}</NavLink>
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
  // While the session is being checked, show nothing rather than links that may flip.
  if (me.isPending) return null;
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
