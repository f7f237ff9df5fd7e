/** The studio's SSO page with SAML: the metadata field replaces the OIDC ones, only SAML settings are
 * sent, a refused metadata document is shown at its field, and a saved SAML provider shows what the
 * IdP's administrator must register, copyable. */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderRoute } from '@/testing/render';

import { SsoProvidersPage } from './SsoProvidersPage';

const PROVIDERS_PATH = '/api/v1/organizations/rhine/sso/providers';
const ORGANIZATIONS = [{ slug: 'rhine', name: 'Rhine Automation' }];
const METADATA =
  '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.rhine.example/saml"/>';

const SAML_PROVIDER = {
  id: 7,
  slug: 'rhine-saml',
  name: 'Rhine staff login',
  protocol: 'saml',
  is_enabled: true,
  creates_accounts: true,
  grantable_roles: ['author'],
  roles_claim: 'icim_roles',
  oidc_issuer: '',
  oidc_client_id: '',
  oidc_scopes: '',
  has_client_secret: false,
  login_url: '/sso/rhine-saml/login/',
  redirect_uri: 'http://testserver/sso/rhine-saml/callback/',
  saml_idp_entity_id: 'https://idp.rhine.example/saml',
  saml_idp_metadata: METADATA,
  saml_sp_entity_id: 'http://testserver/sso/rhine-saml/saml/metadata/',
  saml_acs_url: 'http://testserver/sso/rhine-saml/saml/acs/',
  created_at: '2026-12-07T10:00:00Z',
  updated_at: '2026-12-07T10:00:00Z',
};

function page(providers: unknown[]) {
  return { count: providers.length, next: null, previous: null, results: providers };
}

function showPage() {
  return renderRoute(
    '/studio/sso',
    '/studio/sso',
    <SsoProvidersPage organizations={ORGANIZATIONS} />,
  );
}

describe('SsoProvidersPage with SAML', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for the metadata instead of the OIDC settings and sends only SAML ones', async () => {
    let saved: unknown[] = [];
    let answer = () =>
      jsonResponse(
        {
          detail: 'Invalid input.',
          code: 'invalid',
          fields: { saml_idp_metadata: ['The metadata is not well-formed XML.'] },
        },
        400,
      );
    const server = mockFetch({
      [`GET ${PROVIDERS_PATH}`]: () => jsonResponse(page(saved)),
      [`POST ${PROVIDERS_PATH}`]: () => answer(),
    });
    const { user } = showPage();

    await user.click(await screen.findByRole('button', { name: 'Add a provider' }));
    expect(screen.getByLabelText('Issuer URL')).toBeInTheDocument();
    expect(screen.queryByLabelText('IdP metadata (XML)')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Protocol'), 'saml');
    for (const label of ['Issuer URL', 'Client ID', 'Client secret', 'Scopes'])
      expect(screen.queryByLabelText(label)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Test discovery' })).not.toBeInTheDocument();
    const metadata = screen.getByLabelText('IdP metadata (XML)');
    expect(screen.getByLabelText('Read the metadata from an .xml file')).toHaveAttribute(
      'type',
      'file',
    );

    await user.type(screen.getByLabelText('Button label'), 'Rhine staff login');
    await user.type(screen.getByLabelText('Short name in the sign-in address'), 'rhine-saml');
    await user.type(metadata, '<broken');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('The metadata is not well-formed XML.')).toBeVisible();
    expect(metadata).toHaveAttribute('aria-invalid', 'true');
    expect(metadata).toHaveAccessibleDescription(/The metadata is not well-formed XML\./);

    answer = () => {
      saved = [SAML_PROVIDER];
      return jsonResponse(SAML_PROVIDER, 201);
    };
    await user.clear(metadata);
    await user.upload(
      screen.getByLabelText('Read the metadata from an .xml file'),
      new File([METADATA], 'idp.xml', { type: 'application/xml' }),
    );
    expect(await screen.findByDisplayValue(METADATA)).toBe(metadata);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(server.requestsTo(`POST ${PROVIDERS_PATH}`).map((request) => request.body)).toEqual([
      {
        slug: 'rhine-saml',
        name: 'Rhine staff login',
        protocol: 'saml',
        is_enabled: true,
        creates_accounts: true,
        grantable_roles: [],
        roles_claim: 'icim_roles',
        saml_idp_metadata: '<broken',
      },
      {
        slug: 'rhine-saml',
        name: 'Rhine staff login',
        protocol: 'saml',
        is_enabled: true,
        creates_accounts: true,
        grantable_roles: [],
        roles_claim: 'icim_roles',
        saml_idp_metadata: METADATA,
      },
    ]);
  });

  it('shows a saved SAML provider with what to register at the IdP, copyable', async () => {
    mockFetch({ [`GET ${PROVIDERS_PATH}`]: () => jsonResponse(page([SAML_PROVIDER])) });
    const { user } = showPage();

    const card = (await screen.findByRole('heading', { name: 'Rhine staff login' })).closest('li');
    if (!card) throw new Error('no card');
    const entityId = within(card).getByLabelText('Our entity ID (also the URL of our metadata)');
    expect(entityId).toHaveValue('http://testserver/sso/rhine-saml/saml/metadata/');
    expect(within(card).getByLabelText('Assertion consumer service URL (HTTP-POST)')).toHaveValue(
      'http://testserver/sso/rhine-saml/saml/acs/',
    );
    expect(within(card).getByText('https://idp.rhine.example/saml')).toBeInTheDocument();
    expect(within(card).queryByText(/Redirect URI/)).not.toBeInTheDocument();

    await user.click(
      within(card).getByRole('button', {
        name: 'Copy Assertion consumer service URL (HTTP-POST)',
      }),
    );
    expect(await within(card).findByText('Copied to the clipboard.')).toHaveAttribute(
      'role',
      'status',
    );
    expect(await navigator.clipboard.readText()).toBe('http://testserver/sso/rhine-saml/saml/acs/');
  });

  it('sends an OpenID provider without the SAML metadata', async () => {
    const server = mockFetch({
      [`GET ${PROVIDERS_PATH}`]: () => jsonResponse(page([])),
      [`POST ${PROVIDERS_PATH}`]: () => jsonResponse(SAML_PROVIDER, 201),
    });
    const { user } = showPage();

    await user.click(await screen.findByRole('button', { name: 'Add a provider' }));
    await user.selectOptions(screen.getByLabelText('Protocol'), 'saml');
    await user.type(screen.getByLabelText('IdP metadata (XML)'), 'left behind');
    await user.selectOptions(screen.getByLabelText('Protocol'), 'oidc');
    await user.type(screen.getByLabelText('Button label'), 'Rhine login');
    await user.type(screen.getByLabelText('Short name in the sign-in address'), 'rhine');
    await user.type(screen.getByLabelText('Issuer URL'), 'https://id.rhine.example');
    await user.type(screen.getByLabelText('Client ID'), 'academy');
    await user.type(screen.getByLabelText('Client secret'), 's3cret');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(server.requestsTo(`POST ${PROVIDERS_PATH}`).map((request) => request.body)).toEqual([
      {
        slug: 'rhine',
        name: 'Rhine login',
        protocol: 'oidc',
        is_enabled: true,
        creates_accounts: true,
        grantable_roles: [],
        roles_claim: 'icim_roles',
        oidc_issuer: 'https://id.rhine.example',
        oidc_client_id: 'academy',
        oidc_client_secret: 's3cret',
        oidc_scopes: 'openid email profile',
      },
    ]);
  });

  it('keeps an edited SAML provider SAML, with its metadata', async () => {
    const server = mockFetch({
      [`GET ${PROVIDERS_PATH}`]: () => jsonResponse(page([SAML_PROVIDER])),
      [`PATCH ${PROVIDERS_PATH}/7`]: () => jsonResponse(SAML_PROVIDER),
    });
    const { user } = showPage();

    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    expect(screen.getByLabelText('Protocol')).toHaveValue('saml');
    expect(screen.getByLabelText('IdP metadata (XML)')).toHaveValue(METADATA);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    const [change] = server.requestsTo(`PATCH ${PROVIDERS_PATH}/7`).map((request) => request.body);
    expect(change).toEqual({
      slug: 'rhine-saml',
      name: 'Rhine staff login',
      protocol: 'saml',
      is_enabled: true,
      creates_accounts: true,
      grantable_roles: ['author'],
      roles_claim: 'icim_roles',
      saml_idp_metadata: METADATA,
    });
  });
});
