/** /register — create an account, then go back to where the user was (`?next=`) or to the profile. */
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';

import { signInPath, withEmail } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useMe } from '../api/get-session';
import { RegisterForm } from '../components/RegisterForm';
import { afterSignInPath } from '../utils';

export function RegisterPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  // An invitation's page passes the invited address along (`?email=`), to sign in or up with it.
  const email = searchParams.get('email') ?? '';
  const me = useMe();
  useDocumentTitle(t('register.title'));

  // Signed in already, or just now (registering signs in): one redirect, back where they were.
  if (me.data) return <Navigate to={afterSignInPath(next)} replace />;

  return (
    <section className="card card--narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      <RegisterForm initialEmail={email} />
      <p className="form-footer">
        {t('register.haveAccount')}{' '}
        <Link to={withEmail(signInPath('/login', next), email)}>{t('register.loginLink')}</Link>
      </p>
    </section>
  );
}
