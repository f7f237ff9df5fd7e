/** The log-in page's single sign-on: find the organisation, its button goes to the backend's sign-in
 * URL with `next`, and a failed sign-in explains itself in the reader's language. */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';
import { jsonResponse, mockFetch, SIGNED_OUT } from '@/testing/fetch-mock';
import { renderApp } from '@/testing/render';

const FACTORY = {
  slug: 'factory-idp',
  name: 'Smart Factory login',
  organization_name: 'Smart Factory GmbH',
  login_url: '/sso/factory-idp/login/',
};

describe('OrganizationSignIn', () => {
  it('finds the organisation and links its button to the sign-in URL with next', async () => {
    const api = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'GET /api/v1/sso/providers': () =>
        jsonResponse({ count: 1, next: null, previous: null, results: [FACTORY] }),
    });
    const { user } = renderApp('/login?next=/courses/plc');

    await user.type(await screen.findByLabelText('Your organisation'), 'smart');

    const button = await screen.findByRole('link', { name: 'Sign in with Smart Factory login' });
    expect(button).toHaveAttribute('href', '/sso/factory-idp/login/?next=%2Fcourses%2Fplc');
    expect(screen.getByText('Smart Factory GmbH')).toBeInTheDocument();
    expect(api.requests.map((request) => request.path)).toContain(
      '/api/v1/sso/providers?search=smart',
    );
  });

  it('asks nothing for one character and says when nothing matches', async () => {
    const api = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'GET /api/v1/sso/providers': () =>
        jsonResponse({ count: 0, next: null, previous: null, results: [] }),
    });
    const { user } = renderApp('/login');
    const search = await screen.findByLabelText('Your organisation');

    await user.type(search, 'x');
    expect(api.requestsTo('GET /api/v1/sso/providers?search=x')).toHaveLength(0);
    await user.type(search, 'y');

    expect(
      await screen.findByText('No organisation with single sign-on matches this name.'),
    ).toBeInTheDocument();
  });

  it('never carries a next that leaves the site', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'GET /api/v1/sso/providers': () =>
        jsonResponse({ count: 1, next: null, previous: null, results: [FACTORY] }),
    });
    const { user } = renderApp('/login?next=//evil.example/');

    await user.type(await screen.findByLabelText('Your organisation'), 'smart');

    expect(
      await screen.findByRole('link', { name: 'Sign in with Smart Factory login' }),
    ).toHaveAttribute('href', '/sso/factory-idp/login/');
  });

  it('explains a refused token from the callback', async () => {
    mockFetch({ 'GET /api/v1/auth/session': SIGNED_OUT });

    renderApp('/login?sso_error=unknown_key');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Your organisation's answer was signed with a key it does not publish, so you were not signed in.",
    );
  });

  it('reads an unknown code as a refusal, in German too', async () => {
    mockFetch({ 'GET /api/v1/auth/session': SIGNED_OUT });
    await i18n.changeLanguage('de');

    renderApp('/login?sso_error=something_new');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Ihre Organisation hat Sie nicht angemeldet.',
    );
    await i18n.changeLanguage('en');
  });
});
