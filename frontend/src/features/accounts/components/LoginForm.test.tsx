/** Log in: the API's refusal is shown to the user as it was sent. */
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';
import { jsonResponse, mockFetch, SIGNED_OUT } from '@/testing/fetch-mock';
import { ME } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

describe('LoginForm', () => {
  it('shows the detail of a 400 invalid_credentials answer and stays on the page', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/login': () =>
        jsonResponse(
          { detail: 'The e-mail address or password is incorrect.', code: 'invalid_credentials' },
          400,
        ),
    });
    const { user, router } = renderApp('/login');

    await user.type(screen.getByLabelText('E-mail address'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The e-mail address or password is incorrect.',
    );
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.getByRole('button', { name: 'Log in' })).toBeEnabled();
  });

  it('shows the throttling message of a 429', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/login': () =>
        jsonResponse(
          { detail: 'Request was throttled. Expected available in 60 seconds.', code: 'throttled' },
          429,
        ),
    });
    const { user } = renderApp('/login');

    await user.type(screen.getByLabelText('E-mail address'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'secret-secret');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Request was throttled. Expected available in 60 seconds.',
    );
  });

  it('says the server is unreachable when the network fails', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/login': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const { user } = renderApp('/login');

    await user.type(screen.getByLabelText('E-mail address'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'secret-secret');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The server could not be reached. Check your connection and try again.',
    );
  });

  it('adopts the user’s preferred language after logging in and follows ?next=', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/login': () => jsonResponse({ ...ME, preferred_language: 'de' }),
    });
    const { user, router } = renderApp('/login?next=%2F');

    await user.type(screen.getByLabelText('E-mail address'), 'wei.zhang@example.org');
    await user.type(screen.getByLabelText('Password'), 'secret-secret');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByText('Willkommen zurück, Zhang Wei.')).toBeVisible();
    expect(router.state.location.pathname).toBe('/');
    expect(document.documentElement.lang).toBe('de');
    expect(window.localStorage.getItem('icim.language')).toBe('de');
    expect(screen.getByRole('link', { name: 'Profil' })).toHaveAttribute('href', '/profile');
  });

  it('says to confirm the e-mail address first, in the UI language, when the API answers email_not_confirmed', async () => {
    await act(() => i18n.changeLanguage('de'));
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/login': () =>
        jsonResponse(
          {
            detail: 'Confirm your e-mail address first: we sent the link again.',
            code: 'email_not_confirmed',
          },
          400,
        ),
    });
    const { user, router } = renderApp('/login');

    await user.type(await screen.findByLabelText('E-Mail-Adresse'), 'ada@example.org');
    await user.type(screen.getByLabelText('Passwort'), 'analytical-engine-1843');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Bestätigen Sie zuerst Ihre E-Mail-Adresse: Wir haben Ihnen den Link noch einmal geschickt. ' +
        'Öffnen Sie ihn, um Ihr Konto fertig einzurichten.',
    );
    expect(router.state.location.pathname).toBe('/login');
  });
});
