/** /login — sign in, then go back to where the user was (`?next=`) or to the profile. */
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';

import { signInPath } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useMe } from '../api/get-session';
import { LoginForm } from '../components/LoginForm';
import { afterSignInPath } from '../utils';

export function LoginPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  const me = useMe();
  useDocumentTitle(t('login.title'));

  // Signed in already, or just now (logging in sets the session): one redirect, back where they were.
  if (me.data) return <Navigate to={afterSignInPath(next)} replace />;

  return (
    <section className="card card--narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p className="lead">{t('login.intro')}</p>
      <LoginForm />
      <p className="form-footer">
        <Link to="/forgot-password">{t('login.forgotPassword')}</Link>
      </p>
      <p className="form-footer">
        {t('login.noAccount')}{' '}
        <Link to={signInPath('/register', next)}>{t('login.registerLink')}</Link>
      </p>
    </section>
  );
}
