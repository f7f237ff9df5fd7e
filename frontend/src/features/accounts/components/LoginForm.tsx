/** The log-in form (the page redirects once the session is set); wrong credentials and throttling come back from the API as a banner. */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { TextField } from '@/components/fields';
import { isApiError } from '@/lib/api-error';

import { useLogin } from '../api/login';
import { fieldErrorsOf } from '../utils';

const FORM_FIELDS = ['email', 'password'] as const;

/** The right password of an account whose address is not confirmed yet (the link was re-sent). */
function isEmailNotConfirmed(error: unknown): boolean {
  return isApiError(error) && error.code === 'email_not_confirmed';
}

export function LoginForm({ initialEmail = '' }: { initialEmail?: string }) {
  const { t } = useTranslation();
  const loginMutation = useLogin();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    loginMutation.mutate({ email: email.trim(), password });
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      {isEmailNotConfirmed(loginMutation.error) ? (
        <div className="banner banner--warning" role="alert">
          <p className="banner__message">{t('login.emailNotConfirmed')}</p>
        </div>
      ) : (
        <ErrorBanner error={loginMutation.error} shownFields={FORM_FIELDS} />
      )}
      <TextField
        id="email"
        type="email"
        autoComplete="username"
        label={t('fields.email')}
        value={email}
        onValueChange={setEmail}
        errors={fieldErrorsOf(loginMutation.error, 'email')}
      />
      <TextField
        id="password"
        type="password"
        autoComplete="current-password"
        label={t('fields.password')}
        value={password}
        onValueChange={setPassword}
        errors={fieldErrorsOf(loginMutation.error, 'password')}
      />
      <button className="button button--primary" type="submit" disabled={loginMutation.isPending}>
        {loginMutation.isPending ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
