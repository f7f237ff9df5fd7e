/** SAML parts of the studio's SSO page: the IdP metadata field (pasted or read from an .xml file),
 * and what the IdP's administrator must register (our entity ID and ACS URL, each copyable). */
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { FieldFrame } from '@/components/fields';

import type { IdentityProvider } from '../types';

export function SamlMetadataField({
  value,
  errors,
  onValueChange,
}: {
  value: string;
  errors: string[];
  onValueChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const [readFailed, setReadFailed] = useState(false);

  function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    // FileReader rather than File.text(): the same everywhere, and in the tests' jsdom too.
    const reader = new FileReader();
    reader.onload = () => {
      setReadFailed(false);
      onValueChange(typeof reader.result === 'string' ? reader.result : '');
    };
    reader.onerror = () => {
      setReadFailed(true);
    };
    reader.readAsText(file);
  }

  return (
    <div className="stack stack--small">
      <FieldFrame
        id="sso-saml_idp_metadata"
        label={t('ssoAdmin.samlMetadata')}
        hint={t('ssoAdmin.samlMetadataHint')}
        errors={errors}
      >
        {(describedBy, isInvalid) => (
          <textarea
            id="sso-saml_idp_metadata"
            className="field__control"
            rows={10}
            dir="ltr"
            spellCheck={false}
            value={value}
            aria-describedby={describedBy}
            aria-invalid={isInvalid || undefined}
            onChange={(event) => {
              onValueChange(event.target.value);
            }}
          />
        )}
      </FieldFrame>
      <div className="field">
        <label className="field__label" htmlFor="sso-saml_metadata_file">
          {t('ssoAdmin.samlMetadataFile')}
        </label>
        <input
          id="sso-saml_metadata_file"
          type="file"
          accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
          onChange={readFile}
        />
        {readFailed && (
          <p className="field__errors" role="alert">
            {t('ssoAdmin.samlMetadataUnreadable')}
          </p>
        )}
      </div>
    </div>
  );
}

function CopyableValue({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="button-row">
        <input
          id={id}
          className="field__control"
          readOnly
          dir="ltr"
          value={value}
          onFocus={(event) => {
            event.target.select();
          }}
        />{' '}
        <button
          type="button"
          className="button"
          aria-label={t('ssoAdmin.copyLabel', { label })}
          onClick={() => {
            navigator.clipboard.writeText(value).then(
              () => {
                setState('copied');
              },
              () => {
                setState('failed');
              },
            );
          }}
        >
          {t('ssoAdmin.copy')}
        </button>
      </div>
      <p className="muted" role="status">
        {state === 'copied' && t('ssoAdmin.copied')}
        {state === 'failed' && t('ssoAdmin.copyFailed')}
      </p>
    </div>
  );
}

/** What a saved SAML provider's IdP administrator needs, and the IdP we read from its metadata. */
export function SamlRegistration({ provider }: { provider: IdentityProvider }) {
  const { t } = useTranslation();
  return (
    <div className="stack stack--small">
      <p>{t('ssoAdmin.samlRegisterAtIdp')}</p>
      <CopyableValue label={t('ssoAdmin.samlSpEntityId')} value={provider.saml_sp_entity_id} />
      <CopyableValue label={t('ssoAdmin.samlAcsUrl')} value={provider.saml_acs_url} />
      <p>
        {t('ssoAdmin.samlIdpEntityId')} <code dir="ltr">{provider.saml_idp_entity_id}</code>
      </p>
    </div>
  );
}
