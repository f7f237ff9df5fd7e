/** Revoking a certificate takes two steps: write the reason, then confirm (reinstating is an approver's separate action). */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';

import { useRevokeCertificate } from '../api/revoke-certificate';

import './RevokeForm.css';

interface RevokeFormProps {
  certificateId: string;
  description: string;
  onDone: () => void;
  onCancel: () => void;
}

export function RevokeForm({ certificateId, description, onDone, onCancel }: RevokeFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const revoke = useRevokeCertificate();
  const [reason, setReason] = useState('');
  const [isConfirming, setIsConfirming] = useState(false);

  return (
    <form
      className="card revoke-form stack stack--small"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!isConfirming) {
          setIsConfirming(true);
          return;
        }
        revoke.mutate({ id: certificateId, reason }, { onSuccess: onDone });
      }}
    >
      <h3 id={`${id}-title`}>{t('staffCertificates.revokeTitle', { certificate: description })}</h3>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-reason`}>
          {t('staffCertificates.reason')}
        </label>
        <textarea
          id={`${id}-reason`}
          className="field__control"
          rows={3}
          required
          maxLength={2000}
          value={reason}
          readOnly={isConfirming}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {t('staffCertificates.reasonHint')}
        </p>
      </div>
      {isConfirming && (
        <div className="banner banner--warning" role="alert">
          <p className="banner__message">{t('staffCertificates.confirmText')}</p>
        </div>
      )}
      <ErrorBanner error={revoke.error} />
      <div className="button-row">
        <button
          type="submit"
          className="button button--danger"
          disabled={!reason.trim() || revoke.isPending}
        >
          {isConfirming ? t('staffCertificates.confirmRevoke') : t('staffCertificates.revoke')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            if (isConfirming) setIsConfirming(false);
            else onCancel();
          }}
        >
          {isConfirming ? t('staffCertificates.back') : t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
