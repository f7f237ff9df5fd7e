/** /studio/sso — an organisation's administrators configure its single sign-on providers. */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { SuccessBanner } from '@/components/SuccessBanner';
import { FieldFrame, TextField } from '@/components/fields';
import { isApiError } from '@/lib/api-error';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useCreateProvider } from '../api/create-provider';
import { useDeleteProvider } from '../api/delete-provider';
import { useProviders } from '../api/list-providers';
import { useTestDiscovery } from '../api/test-discovery';
import { useUpdateProvider } from '../api/update-provider';
import { SamlMetadataField, SamlRegistration } from '../components/SamlSettings';
import type { IdentityProvider, MembershipRole, ProviderInput } from '../types';

const ROLES: readonly MembershipRole[] = ['author', 'reviewer', 'approver', 'admin', 'verifier'];
const FORM_FIELDS = [
  'slug',
  'name',
  'protocol',
  'oidc_issuer',
  'oidc_client_id',
  'oidc_client_secret',
  'oidc_scopes',
  'saml_idp_metadata',
  'roles_claim',
  'grantable_roles',
] as const;

function emptyInput(): ProviderInput {
  return {
    slug: '',
    name: '',
    protocol: 'oidc',
    is_enabled: true,
    creates_accounts: true,
    grantable_roles: [],
    roles_claim: 'icim_roles',
    oidc_issuer: '',
    oidc_client_id: '',
    oidc_client_secret: '',
    oidc_scopes: 'openid email profile',
    saml_idp_metadata: '',
  };
}

function inputOf(provider: IdentityProvider): ProviderInput {
  return {
    slug: provider.slug,
    name: provider.name,
    protocol: provider.protocol,
    is_enabled: provider.is_enabled,
    creates_accounts: provider.creates_accounts,
    grantable_roles: [...provider.grantable_roles],
    roles_claim: provider.roles_claim,
    oidc_issuer: provider.oidc_issuer,
    oidc_client_id: provider.oidc_client_id,
    oidc_client_secret: '',
    oidc_scopes: provider.oidc_scopes || 'openid email profile',
    saml_idp_metadata: provider.saml_idp_metadata,
  };
}

/** Only the chosen protocol's settings are sent. */
function payloadOf(input: ProviderInput): ProviderInput {
  const {
    oidc_issuer,
    oidc_client_id,
    oidc_client_secret,
    oidc_scopes,
    saml_idp_metadata,
    ...common
  } = input;
  if (input.protocol === 'saml') return { ...common, saml_idp_metadata } as ProviderInput;
  return { ...common, oidc_issuer, oidc_client_id, oidc_client_secret, oidc_scopes };
}

function errorsOf(error: unknown, field: string): string[] {
  return isApiError(error) ? error.fieldErrors(field) : [];
}

function DiscoveryCheck({ organization, issuer }: { organization: string; issuer: string }) {
  const { t } = useTranslation();
  const discovery = useTestDiscovery(organization);
  const result = discovery.data;
  return (
    <div className="stack stack--small">
      <div>
        <button
          type="button"
          className="button"
          disabled={!issuer || discovery.isPending}
          onClick={() => {
            discovery.mutate(issuer);
          }}
        >
          {t('ssoAdmin.testDiscovery')}
        </button>
      </div>
      <ErrorBanner error={discovery.error} />
      {result && !result.is_ok && (
        <div className="banner banner--error" role="alert">
          <p className="banner__message">
            {t('ssoAdmin.discoveryFailed', { error: result.error })}
          </p>
        </div>
      )}
      {result?.is_ok && (
        <div className="banner banner--success" role="status">
          <p className="banner__message">{t('ssoAdmin.discoveryFound')}</p>
          <dl className="banner__list">
            <dt>{t('ssoAdmin.authorizationEndpoint')}</dt>
            <dd>{result.authorization_endpoint}</dd>
            <dt>{t('ssoAdmin.tokenEndpoint')}</dt>
            <dd>{result.token_endpoint}</dd>
            <dt>{t('ssoAdmin.jwksUri')}</dt>
            <dd>{result.jwks_uri}</dd>
            <dt>{t('ssoAdmin.algorithms')}</dt>
            <dd>{result.signing_algorithms.join(', ')}</dd>
          </dl>
        </div>
      )}
    </div>
  );
}

function ProviderForm({
  organization,
  provider,
  onSaved,
  onCancel,
}: {
  organization: string;
  provider: IdentityProvider | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState<ProviderInput>(() =>
    provider ? inputOf(provider) : emptyInput(),
  );
  const create = useCreateProvider(organization);
  const update = useUpdateProvider(organization);
  const mutation = provider ? update : create;
  const set = (change: Partial<ProviderInput>) => {
    setInput((current) => ({ ...current, ...change }));
  };

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const options = { onSuccess: onSaved };
    const payload = payloadOf(input);
    if (provider) update.mutate({ id: provider.id, change: payload }, options);
    else create.mutate(payload, options);
  }

  const text = (field: keyof ProviderInput & (typeof FORM_FIELDS)[number], label: string) => (
    <TextField
      id={`sso-${field}`}
      label={label}
      value={String(input[field] ?? '')}
      onValueChange={(value) => {
        set({ [field]: value });
      }}
      errors={errorsOf(mutation.error, field)}
    />
  );

  return (
    <form className="card stack" onSubmit={handleSubmit} noValidate>
      <h2>
        {provider ? t('ssoAdmin.editTitle', { name: provider.name }) : t('ssoAdmin.addTitle')}
      </h2>
      <ErrorBanner error={mutation.error} shownFields={FORM_FIELDS} />
      <FieldFrame
        id="sso-protocol"
        label={t('ssoAdmin.protocol')}
        errors={errorsOf(mutation.error, 'protocol')}
      >
        {(describedBy) => (
          <select
            id="sso-protocol"
            className="field__control"
            value={input.protocol}
            aria-describedby={describedBy}
            onChange={(event) => {
              set({ protocol: event.target.value as ProviderInput['protocol'] });
            }}
          >
            <option value="oidc">OpenID Connect</option>
            <option value="saml">SAML 2.0</option>
          </select>
        )}
      </FieldFrame>
      {text('name', t('ssoAdmin.name'))}
      {text('slug', t('ssoAdmin.slug'))}
      {input.protocol === 'saml' ? (
        <SamlMetadataField
          value={input.saml_idp_metadata ?? ''}
          errors={errorsOf(mutation.error, 'saml_idp_metadata')}
          onValueChange={(value) => {
            set({ saml_idp_metadata: value });
          }}
        />
      ) : (
        <>
          {text('oidc_issuer', t('ssoAdmin.issuer'))}
          <DiscoveryCheck organization={organization} issuer={input.oidc_issuer ?? ''} />
          {text('oidc_client_id', t('ssoAdmin.clientId'))}
          <TextField
            id="sso-oidc_client_secret"
            label={t('ssoAdmin.clientSecret')}
            type="password"
            autoComplete="new-password"
            hint={provider?.has_client_secret ? t('ssoAdmin.secretKept') : undefined}
            value={input.oidc_client_secret ?? ''}
            onValueChange={(value) => {
              set({ oidc_client_secret: value });
            }}
            errors={errorsOf(mutation.error, 'oidc_client_secret')}
          />
          {text('oidc_scopes', t('ssoAdmin.scopes'))}
        </>
      )}
      {text('roles_claim', t('ssoAdmin.rolesClaim'))}
      <fieldset className="stack stack--small">
        <legend>{t('ssoAdmin.grantableRoles')}</legend>
        <p className="field__hint">{t('ssoAdmin.grantableRolesHint')}</p>
        {ROLES.map((role) => (
          <label key={role}>
            <input
              type="checkbox"
              checked={input.grantable_roles?.includes(role) ?? false}
              onChange={(event) => {
                const others = (input.grantable_roles ?? []).filter((item) => item !== role);
                set({ grantable_roles: event.target.checked ? [...others, role] : others });
              }}
            />{' '}
            {t(`ssoAdmin.roles.${role}`)}
          </label>
        ))}
      </fieldset>
      <label>
        <input
          type="checkbox"
          checked={input.creates_accounts}
          onChange={(event) => {
            set({ creates_accounts: event.target.checked });
          }}
        />{' '}
        {t('ssoAdmin.createsAccounts')}
      </label>
      <label>
        <input
          type="checkbox"
          checked={input.is_enabled}
          onChange={(event) => {
            set({ is_enabled: event.target.checked });
          }}
        />{' '}
        {t('ssoAdmin.enabled')}
      </label>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {t('ssoAdmin.save')}
        </button>{' '}
        <button type="button" className="button" onClick={onCancel}>
          {t('ssoAdmin.cancel')}
        </button>
      </div>
    </form>
  );
}

function ProviderList({
  organization,
  onEdit,
}: {
  organization: string;
  onEdit: (provider: IdentityProvider) => void;
}) {
  const { t } = useTranslation();
  const providers = useProviders(organization);
  const remove = useDeleteProvider(organization);
  if (providers.isPending) return <LoadingState />;
  if (providers.isError) return <ErrorBanner error={providers.error} />;
  if (providers.data.length === 0) return <p>{t('ssoAdmin.none')}</p>;
  return (
    <ul className="stack">
      <ErrorBanner error={remove.error} />
      {providers.data.map((provider) => (
        <li key={provider.id} className="card stack stack--small">
          <h2>{provider.name}</h2>
          <p>
            {provider.is_enabled ? t('ssoAdmin.isEnabled') : t('ssoAdmin.isDisabled')} ·{' '}
            {provider.protocol === 'saml' ? 'SAML 2.0' : provider.oidc_issuer}
          </p>
          {provider.protocol === 'saml' ? (
            <SamlRegistration provider={provider} />
          ) : (
            <p>
              {t('ssoAdmin.redirectUri')} <code>{provider.redirect_uri}</code>
            </p>
          )}
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => {
                onEdit(provider);
              }}
            >
              {t('ssoAdmin.edit')}
            </button>{' '}
            <button
              type="button"
              className="button button--danger"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(t('ssoAdmin.confirmDelete', { name: provider.name })))
                  remove.mutate(provider.id);
              }}
            >
              {t('ssoAdmin.delete')}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function SsoProvidersPage({
  organizations,
}: {
  organizations: readonly { slug: string; name: string }[];
}) {
  const { t } = useTranslation();
  const [organization, setOrganization] = useState(organizations[0]?.slug ?? '');
  const [editing, setEditing] = useState<IdentityProvider | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  useDocumentTitle(t('ssoAdmin.title'));
  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('ssoAdmin.title')}</h1>
        <p className="lead">{t('ssoAdmin.lead')}</p>
      </header>
      {organizations.length > 1 && (
        <div className="field">
          <label className="field__label" htmlFor="sso-organization-select">
            {t('ssoAdmin.organization')}
          </label>
          <select
            id="sso-organization-select"
            className="field__control"
            value={organization}
            onChange={(event) => {
              setOrganization(event.target.value);
              setEditing(null);
            }}
          >
            {organizations.map((item) => (
              <option key={item.slug} value={item.slug}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {saved && <SuccessBanner>{t('ssoAdmin.saved')}</SuccessBanner>}
      {editing ? (
        <ProviderForm
          key={editing === 'new' ? 'new' : editing.id}
          organization={organization}
          provider={editing === 'new' ? null : editing}
          onSaved={() => {
            setEditing(null);
            setSaved(true);
          }}
          onCancel={() => {
            setEditing(null);
          }}
        />
      ) : (
        <div>
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setSaved(false);
              setEditing('new');
            }}
          >
            {t('ssoAdmin.add')}
          </button>
        </div>
      )}
      <ProviderList
        organization={organization}
        onEdit={(provider) => {
          setSaved(false);
          setEditing(provider);
        }}
      />
    </div>
  );
}
