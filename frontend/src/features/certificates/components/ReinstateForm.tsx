/** Reinstating a revoked certificate: an approver's own audited action, with the reason recorded. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';

import { useReinstateCertificate } from '../api/reinstate-certificate';

import './RevokeForm.css';

interface ReinstateFormProps {
  certificateId: string;
  description: string;
  onDone: () => void;
  onCancel: () => void;
}

export function ReinstateForm({
  certificateId,
  description,
  onDone,
  onCancel,
}: ReinstateFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const reinstate = useReinstateCertificate();
  const [reason, setReason] = useState('');

  return (
    <form
      className="card revoke-form stack stack--small"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        reinstate.mutate({ id: certificateId, reason }, { onSuccess: onDone });
      }}
    >
      <h3 id={`${id}-title`}>
        {t('staffCertificates.reinstateTitle', { certificate: description })}
      </h3>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-reason`}>
          {t('staffCertificates.reinstateReason')}
        </label>
        <textarea
          id={`${id}-reason`}
          className="field__control"
          rows={3}
          required
          maxLength={2000}
          value={reason}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {t('staffCertificates.reinstateHint')}
        </p>
      </div>
      <ErrorBanner error={reinstate.error} />
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          disabled={!reason.trim() || reinstate.isPending}
        >
          {t('staffCertificates.confirmReinstate')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
