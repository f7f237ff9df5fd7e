/** /register — create an account; then "check your inbox", the same whether or not the address had one. */
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';

import { signInPath, withEmail } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useMe } from '../api/get-session';
import { useRegister } from '../api/register';
import { RegisterForm } from '../components/RegisterForm';
import { afterSignInPath } from '../utils';

export function RegisterPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  // An invitation's page passes the invited address along (`?email=`), to sign in or up with it.
  const email = searchParams.get('email') ?? '';
  const me = useMe();
  const registration = useRegister();
  useDocumentTitle(registration.isSuccess ? t('register.checkInboxTitle') : t('register.title'));

  // Signed in already: one redirect, back where they were.
  if (me.data) return <Navigate to={afterSignInPath(next)} replace />;

  if (registration.isSuccess) {
    return (
      <section className="card card--narrow" aria-labelledby="register-title">
        <h1 id="register-title">{t('register.checkInboxTitle')}</h1>
        <div className="banner banner--success" role="status">
          <p className="banner__message">
            {t('register.checkInbox', { email: registration.variables.email })}
          </p>
        </div>
        <p>{t('register.checkInboxHint')}</p>
        <p className="form-footer">
          <Link to={signInPath('/login', next)}>{t('register.loginLink')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="card card--narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      <RegisterForm registration={registration} next={next} initialEmail={email} />
      <p className="form-footer">
        {t('register.haveAccount')}{' '}
        <Link to={withEmail(signInPath('/login', next), email)}>{t('register.loginLink')}</Link>
      </p>
    </section>
  );
}
