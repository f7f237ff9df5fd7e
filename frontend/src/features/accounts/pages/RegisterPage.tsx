/** /register — create an account, then continue to the profile. */
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';

import { useDocumentTitle } from '@/lib/use-document-title';

import { useMe } from '../api/get-me';
import { RegisterForm } from '../components/RegisterForm';
import { DEFAULT_AFTER_LOGIN_PATH } from '../utils';

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  useDocumentTitle(t('register.title'));

  if (me.data) return <Navigate to={DEFAULT_AFTER_LOGIN_PATH} replace />;

  return (
    <section className="card card--narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      <RegisterForm
        onRegistered={() => {
          void navigate(DEFAULT_AFTER_LOGIN_PATH, { replace: true });
        }}
      />
      <p className="form-footer">
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </p>
    </section>
  );
}
