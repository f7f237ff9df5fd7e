/** /confirm-email?token=…&next=… — the page the registration e-mail links to: confirms, signs in, goes on. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { signInPath } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useConfirmEmail } from '../api/confirm-email';
import { afterSignInPath } from '../utils';

export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const next = searchParams.get('next');
  const confirmation = useConfirmEmail();
  const { mutate } = confirmation;
  // A link works once: StrictMode's second effect run must not send it again (and fail).
  const sentToken = useRef<string | null>(null);
  useDocumentTitle(t('confirmEmail.title'));

  useEffect(() => {
    if (!token || sentToken.current === token) return;
    sentToken.current = token;
    mutate({ token });
  }, [token, mutate]);

  if (confirmation.isSuccess) return <Navigate to={afterSignInPath(next)} replace />;

  let content;
  if (!token) {
    content = (
      <div className="banner banner--error" role="alert">
        <p className="banner__message">{t('confirmEmail.incompleteLink')}</p>
      </div>
    );
  } else if (confirmation.isError) {
    content = <ErrorBanner error={confirmation.error} />;
  } else {
    content = (
      <p className="lead" role="status">
        {t('confirmEmail.confirming')}
      </p>
    );
  }

  return (
    <section className="card card--narrow" aria-labelledby="confirm-email-title">
      <h1 id="confirm-email-title">{t('confirmEmail.title')}</h1>
      {content}
      {(!token || confirmation.isError) && (
        <p className="form-footer">
          <Link to={signInPath('/login', next)}>{t('confirmEmail.loginLink')}</Link>
          {' · '}
          <Link to={signInPath('/register', next)}>{t('confirmEmail.registerLink')}</Link>
        </p>
      )}
    </section>
  );
}
