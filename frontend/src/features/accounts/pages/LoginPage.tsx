/** /login — sign in, then go back to where the user was headed (`?next=`) or to the profile. */
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';

import { useDocumentTitle } from '@/lib/use-document-title';

import { useMe } from '../api/get-me';
import { LoginForm } from '../components/LoginForm';
import { safeNextPath } from '../utils';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const nextPath = safeNextPath(searchParams.get('next'));
  const me = useMe();
  useDocumentTitle(t('login.title'));

  if (me.data) return <Navigate to={nextPath} replace />;

  return (
    <section className="card card--narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p className="lead">{t('login.intro')}</p>
      <LoginForm
        onLoggedIn={() => {
          void navigate(nextPath, { replace: true });
        }}
      />
      <p className="form-footer">
        <Link to="/forgot-password">{t('login.forgotPassword')}</Link>
      </p>
      <p className="form-footer">
        {t('login.noAccount')} <Link to="/register">{t('login.registerLink')}</Link>
      </p>
    </section>
  );
}
