/** /forgot-password — ask for a reset link by e-mail. */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { TextField } from '@/components/fields';
import { SuccessBanner } from '@/components/SuccessBanner';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useRequestPasswordReset } from '../api/request-password-reset';
import { fieldErrorsOf } from '../utils';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const resetRequest = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  useDocumentTitle(t('forgotPassword.title'));

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    resetRequest.mutate({ email: email.trim() });
  }

  return (
    <section className="card card--narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('forgotPassword.title')}</h1>
      {resetRequest.isSuccess ? (
        <SuccessBanner>{resetRequest.data.detail}</SuccessBanner>
      ) : (
        <>
          <p className="lead">{t('forgotPassword.intro')}</p>
          <form className="form" onSubmit={handleSubmit} noValidate>
            <ErrorBanner error={resetRequest.error} shownFields={['email']} />
            <TextField
              id="email"
              type="email"
              autoComplete="email"
              label={t('fields.email')}
              value={email}
              onValueChange={setEmail}
              errors={fieldErrorsOf(resetRequest.error, 'email')}
            />
            <button
              className="button button--primary"
              type="submit"
              disabled={resetRequest.isPending}
            >
              {resetRequest.isPending ? t('forgotPassword.submitting') : t('forgotPassword.submit')}
            </button>
          </form>
        </>
      )}
      <p className="form-footer">
        <Link to="/login">{t('forgotPassword.backToLogin')}</Link>
      </p>
    </section>
  );
}
