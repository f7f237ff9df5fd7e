/** Unknown routes and the navigation for anonymous and signed-in visitors. */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { emptyResponse, mockFetch, SIGNED_OUT, signedInAs } from '@/testing/fetch-mock';
import { ME } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

describe('routing and navigation', () => {
  it('shows the 404 page for an unknown path', async () => {
    mockFetch({ 'GET /api/v1/auth/session': SIGNED_OUT });
    renderApp('/no-such-page/anywhere');

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Back to the home page' })).toHaveAttribute(
      'href',
      '/',
    );
    expect(await screen.findByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
    expect(document.title).toBe('Page not found · ICIM Academy');
  });

  it('offers Profile and Log out when signed in, and logs out to the home page', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': signedInAs(ME),
      'POST /api/v1/auth/logout': () => emptyResponse(204),
    });
    const { user, router } = renderApp('/profile');

    await user.click(await screen.findByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('link', { name: 'Register' })).toHaveAttribute(
      'href',
      '/register',
    );
    expect(screen.queryByRole('link', { name: 'Profile' })).toBeNull();
    expect(router.state.location.pathname).toBe('/');
    expect(network.requestsTo('POST /api/v1/auth/logout')).toHaveLength(1);
  });
});
