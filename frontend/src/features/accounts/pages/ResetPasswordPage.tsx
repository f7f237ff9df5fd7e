/** /reset-password?uid=…&token=… — the page the reset e-mail links to. */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { TextField } from '@/components/fields';
import { SuccessBanner } from '@/components/SuccessBanner';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useConfirmPasswordReset } from '../api/confirm-password-reset';
import { fieldErrorsOf } from '../utils';

const FORM_FIELDS = ['new_password'] as const;

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const uid = searchParams.get('uid') ?? '';
  const token = searchParams.get('token') ?? '';
  const confirmation = useConfirmPasswordReset();
  const [newPassword, setNewPassword] = useState('');
  useDocumentTitle(t('resetPassword.title'));

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    confirmation.mutate({ uid, token, new_password: newPassword });
  }

  let content;
  if (!uid || !token) {
    content = (
      <>
        <div className="banner banner--error" role="alert">
          <p className="banner__message">{t('resetPassword.invalidLink')}</p>
        </div>
        <p className="form-footer">
          <Link to="/forgot-password">{t('resetPassword.requestNewLink')}</Link>
        </p>
      </>
    );
  } else if (confirmation.isSuccess) {
    content = (
      <>
        <SuccessBanner>{confirmation.data.detail}</SuccessBanner>
        <p className="form-footer">
          <Link className="button button--primary" to="/login">
            {t('resetPassword.loginCta')}
          </Link>
        </p>
      </>
    );
  } else {
    content = (
      <>
        <p className="lead">{t('resetPassword.intro')}</p>
        <form className="form" onSubmit={handleSubmit} noValidate>
          <ErrorBanner error={confirmation.error} shownFields={FORM_FIELDS} />
          <TextField
            id="new_password"
            type="password"
            autoComplete="new-password"
            label={t('fields.newPassword')}
            hint={t('fields.passwordHint')}
            value={newPassword}
            onValueChange={setNewPassword}
            errors={fieldErrorsOf(confirmation.error, 'new_password')}
          />
          <button
            className="button button--primary"
            type="submit"
            disabled={confirmation.isPending}
          >
            {confirmation.isPending ? t('resetPassword.submitting') : t('resetPassword.submit')}
          </button>
        </form>
        {confirmation.isError && (
          <p className="form-footer">
            <Link to="/forgot-password">{t('resetPassword.requestNewLink')}</Link>
          </p>
        )}
      </>
    );
  }

  return (
    <section className="card card--narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('resetPassword.title')}</h1>
      {content}
    </section>
  );
}
