/** /login — sign in, then go back to where the user was (`?next=`) or to the profile. The app layer
 * may add other ways in below the form (`alternatives`: single sign-on). */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';

import { signInPath, withEmail } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useMe } from '../api/get-session';
import { LoginForm } from '../components/LoginForm';
import { afterSignInPath } from '../utils';

export function LoginPage({ alternatives }: { alternatives?: ReactNode } = {}) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  // An invitation's page passes the invited address along (`?email=`), to sign in or up with it.
  const email = searchParams.get('email') ?? '';
  const me = useMe();
  useDocumentTitle(t('login.title'));

  // Signed in already, or just now (logging in sets the session): one redirect, back where they were.
  if (me.data) return <Navigate to={afterSignInPath(next)} replace />;

  return (
    <section className="card card--narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p className="lead">{t('login.intro')}</p>
      <LoginForm initialEmail={email} />
      {alternatives}
      <p className="form-footer">
        <Link to="/forgot-password">{t('login.forgotPassword')}</Link>
      </p>
      <p className="form-footer">
        {t('login.noAccount')}{' '}
        <Link to={withEmail(signInPath('/register', next), email)}>{t('login.registerLink')}</Link>
      </p>
    </section>
  );
}
