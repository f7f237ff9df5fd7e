/** /confirm-email: the link from the registration e-mail confirms once, signs in and goes on. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, SIGNED_OUT } from '@/testing/fetch-mock';
import { ME } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

describe('ConfirmEmailPage', () => {
  it('confirms the token once, signs in in the user’s language and goes to `next`', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/confirm-email': () => jsonResponse({ ...ME, preferred_language: 'de' }),
    });
    const { router } = renderApp('/confirm-email?token=abc%3A1x%3Asig&next=%2F');

    expect(await screen.findByText('Willkommen zurück, Zhang Wei.')).toBeVisible();
    expect(router.state.location.pathname).toBe('/');
    const requests = network.requestsTo('POST /api/v1/auth/confirm-email');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toEqual({ token: 'abc:1x:sig' });
    expect(requests[0]?.headers.get('X-CSRFToken')).toBe('test-csrf-token');
    expect(document.documentElement.lang).toBe('de');
  });

  it('goes to the profile when `next` leads off the site', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/confirm-email': () => jsonResponse(ME),
    });
    const { router } = renderApp('/confirm-email?token=t&next=https%3A%2F%2Fevil.example%2F');

    expect(await screen.findByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/profile');
  });

  it('shows the API’s refusal of a used or expired link, with ways on', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/confirm-email': () =>
        jsonResponse(
          {
            detail: 'This confirmation link is invalid, was used already or has expired.',
            code: 'invalid_confirmation_link',
          },
          400,
        ),
    });
    const { router } = renderApp('/confirm-email?token=used&next=%2Fcourses%2Fplc-basics');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This confirmation link is invalid, was used already or has expired.',
    );
    expect(router.state.location.pathname).toBe('/confirm-email');
    const page = screen.getByRole('region', { name: 'Confirm your e-mail address' });
    expect(within(page).getByRole('link', { name: 'Log in' })).toHaveAttribute(
      'href',
      '/login?next=%2Fcourses%2Fplc-basics',
    );
    expect(within(page).getByRole('link', { name: 'Register again' })).toHaveAttribute(
      'href',
      '/register?next=%2Fcourses%2Fplc-basics',
    );
  });

  it('says a link without its token is incomplete and asks nothing of the API', async () => {
    const network = mockFetch({ 'GET /api/v1/auth/session': SIGNED_OUT });
    renderApp('/confirm-email');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This confirmation link is incomplete.',
    );
    expect(network.requestsTo('POST /api/v1/auth/confirm-email')).toHaveLength(0);
  });
});
