/** A secret shown this once (after registration or rotation): a copy button, and why it must be
 * kept now. Its heading takes the focus, so that keyboard and screen-reader users land on it. */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const COPIED_NOTICE_MILLISECONDS = 4_000;

export function SecretPanel({
  title,
  secret,
  children,
}: {
  title: string;
  secret: string;
  /** What else the reader must know (the rotation's grace period). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    headingRef.current?.focus();
  }, [secret]);

  function copy() {
    void navigator.clipboard
      .writeText(secret)
      .then(() => {
        setCopyState('copied');
        window.setTimeout(() => {
          setCopyState('idle');
        }, COPIED_NOTICE_MILLISECONDS);
      })
      .catch(() => {
        setCopyState('failed');
      });
  }

  return (
    <section className="card stack stack--small webhook-secret" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={headingRef}>
        {title}
      </h2>
      <p className="webhook-secret__warning">
        <strong>{t('webhooks.secret.onlyOnce')}</strong> {t('webhooks.secret.keepIt')}
      </p>
      {children}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-value`}>
          {t('webhooks.secret.label')}
        </label>
        <div className="webhook-secret__row">
          <input
            id={`${id}-value`}
            className="field__control webhook-secret__value"
            readOnly
            dir="ltr"
            value={secret}
            onFocus={(event) => {
              event.target.select();
            }}
          />
          <button type="button" className="button" onClick={copy}>
            {t('webhooks.secret.copy')}
          </button>
        </div>
      </div>
      <p className="muted" role="status">
        {copyState === 'copied' && t('webhooks.secret.copied')}
        {copyState === 'failed' && t('webhooks.secret.copyFailed')}
      </p>
    </section>
  );
}
