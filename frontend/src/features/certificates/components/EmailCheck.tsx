/** "Was this certificate issued to this e-mail address?" — answered in the browser from the credential. */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';

import { credentialUrl, useCredential } from '../api/get-credential';
import { emailIdentities, isIssuedTo } from '../identity-hash';

import '../pages/VerifyPage.css';

type Outcome = 'match' | 'mismatch' | null;

export function EmailCheck({ certificateId }: { certificateId: string }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [email, setEmail] = useState('');
  const [isRequested, setIsRequested] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const credential = useCredential(certificateId, { enabled: isRequested });

  const check = async (address: string) => {
    const document = credential.data ?? (await credential.refetch()).data;
    if (!document) return;
    setOutcome((await isIssuedTo(document, address)) ? 'match' : 'mismatch');
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    setIsRequested(true);
    setOutcome(null);
    if (email.trim()) void check(email);
  };

  const hasNoEmail = credential.data !== undefined && emailIdentities(credential.data).length === 0;

  return (
    <section className="card stack stack--small" aria-labelledby="email-check-title">
      <h2 id="email-check-title">{t('verify.emailHeading')}</h2>
      <p className="muted">{t('verify.emailIntro')}</p>
      <form className="verify-form" onSubmit={onSubmit}>
        <label className="field__label" htmlFor={inputId}>
          {t('fields.email')}
        </label>
        <div className="verify-form__row">
          <input
            id={inputId}
            className="field__control"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              setOutcome(null);
            }}
          />
          <button type="submit" className="button" disabled={credential.isFetching}>
            {t('verify.emailCheck')}
          </button>
        </div>
      </form>
      {credential.isError && <ErrorBanner error={credential.error} />}
      <div role="status" aria-live="polite">
        {hasNoEmail && <p>{t('verify.emailNotInCredential')}</p>}
        {!hasNoEmail && outcome === 'match' && (
          <p className="done-note">{t('verify.emailMatches')}</p>
        )}
        {!hasNoEmail && outcome === 'mismatch' && (
          <p className="field__errors">{t('verify.emailDoesNotMatch')}</p>
        )}
      </div>
      <p>
        <a href={credentialUrl(certificateId)} download={`credential-${certificateId}.json`}>
          {t('verify.downloadCredential')}
        </a>
      </p>
    </section>
  );
}
