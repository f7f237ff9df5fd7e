/** Registration: what is sent, and how the API's field errors come back to the user. */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, SIGNED_OUT } from '@/testing/fetch-mock';
import { ME } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

describe('RegisterForm', () => {
  it('shows each field error from a 400 next to its field, and the detail as a banner', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/register': () =>
        jsonResponse(
          {
            detail: 'Invalid input.',
            code: 'invalid',
            fields: {
              email: ['A user with this e-mail address already exists.'],
              password: ['This password is too common.', 'This password is entirely numeric.'],
            },
          },
          400,
        ),
    });
    const { user } = renderApp('/register');

    await user.type(screen.getByLabelText('E-mail address'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), '12345678');
    await user.type(screen.getByLabelText('Full name (as on certificates)'), 'Ada Lovelace');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid input.');
    expect(screen.getByLabelText('E-mail address')).toHaveAccessibleDescription(
      'A user with this e-mail address already exists.',
    );
    expect(screen.getByLabelText('E-mail address')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'This password is too common. This password is entirely numeric. ' +
        'At least 8 characters; avoid common words and your name.',
    );
    expect(screen.getByLabelText('Full name (as on certificates)')).not.toHaveAttribute(
      'aria-invalid',
    );
    expect(network.requestsTo('POST /api/v1/auth/register')).toHaveLength(1);
    expect(network.requestsTo('POST /api/v1/auth/register')[0]?.body).toEqual({
      email: 'ada@example.org',
      password: '12345678',
      full_name: 'Ada Lovelace',
      native_name: '',
      preferred_language: 'en',
      country: '',
    });
  });

  it('sends the CSRF token and language, then lands on the profile with the new name', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/register': () =>
        jsonResponse({ ...ME, full_name: 'Ada Lovelace', memberships: [] }, 201),
    });
    const { user, router } = renderApp('/register');

    await user.type(screen.getByLabelText('E-mail address'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'analytical-engine-1843');
    await user.type(screen.getByLabelText('Full name (as on certificates)'), 'Ada Lovelace');
    await user.selectOptions(screen.getByLabelText('Country (optional)'), 'GB');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/profile');
    expect(screen.getByLabelText('Full name (as on certificates)')).toHaveValue('Ada Lovelace');
    const [request] = network.requestsTo('POST /api/v1/auth/register');
    expect(request?.headers.get('X-CSRFToken')).toBe('test-csrf-token');
    expect(request?.headers.get('Accept-Language')).toBe('en');
    expect(request?.body).toMatchObject({ country: 'GB' });
  });
});
