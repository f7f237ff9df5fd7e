/** Forgot and reset password pages: what is sent and what the user is told. */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, SIGNED_OUT } from '@/testing/fetch-mock';
import { renderApp } from '@/testing/render';

describe('password reset', () => {
  it('requests a link and shows the API’s answer', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/password-reset': () =>
        jsonResponse(
          { detail: 'If an account uses this address, a reset link is on its way.' },
          202,
        ),
    });
    const { user } = renderApp('/forgot-password');

    await user.type(screen.getByLabelText('E-mail address'), 'ada@example.org');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));

    expect(await screen.findByRole('status')).toHaveTextContent(
      'If an account uses this address, a reset link is on its way.',
    );
    expect(network.requestsTo('POST /api/v1/auth/password-reset')[0]?.body).toEqual({
      email: 'ada@example.org',
    });
  });

  it('sends uid and token from the link with the new password', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/password-reset/confirm': () =>
        jsonResponse({ detail: 'Your password has been changed.' }),
    });
    const { user } = renderApp('/reset-password?uid=MTE&token=c9x-0123abcd');

    await user.type(screen.getByLabelText('New password'), 'Servo-Motor-Tuning-7');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Your password has been changed.');
    expect(screen.getByRole('link', { name: 'Log in with your new password' })).toHaveAttribute(
      'href',
      '/login',
    );
    expect(network.requestsTo('POST /api/v1/auth/password-reset/confirm')[0]?.body).toEqual({
      uid: 'MTE',
      token: 'c9x-0123abcd',
      new_password: 'Servo-Motor-Tuning-7',
    });
  });

  it('shows an expired-link error from the API and offers a new link', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/password-reset/confirm': () =>
        jsonResponse(
          { detail: 'This reset link is invalid or has expired.', code: 'invalid_token' },
          400,
        ),
    });
    const { user } = renderApp('/reset-password?uid=MTE&token=expired');

    await user.type(screen.getByLabelText('New password'), 'Servo-Motor-Tuning-7');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This reset link is invalid or has expired.',
    );
    expect(screen.getByRole('link', { name: 'Request a new link' })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
  });

  it('explains an incomplete link without calling the API', () => {
    const network = mockFetch({ 'GET /api/v1/auth/session': SIGNED_OUT });
    renderApp('/reset-password?uid=MTE');

    expect(screen.getByRole('alert')).toHaveTextContent(
      'This password reset link is incomplete. Please request a new one.',
    );
    expect(screen.queryByLabelText('New password')).toBeNull();
    expect(network.requestsTo('POST /api/v1/auth/password-reset/confirm')).toHaveLength(0);
  });
});
