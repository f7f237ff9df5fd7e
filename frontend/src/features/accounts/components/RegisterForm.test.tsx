/** Registration: what is sent, and how the API's field errors come back to the user. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';
import { jsonResponse, mockFetch, SIGNED_OUT } from '@/testing/fetch-mock';
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

  it('sends the CSRF token and language, then shows "check your inbox" and signs no one in', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/register': () =>
        jsonResponse({ detail: 'Check your inbox: we sent a message to this address.' }, 202),
    });
    const { user, router } = renderApp('/register?next=%2Fcourses%2Fplc-basics');

    await user.type(screen.getByLabelText('E-mail address'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'analytical-engine-1843');
    await user.type(screen.getByLabelText('Full name (as on certificates)'), 'Ada Lovelace');
    await user.selectOptions(screen.getByLabelText('Country (optional)'), 'GB');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Check your inbox' }),
    ).toBeVisible();
    const page = screen.getByRole('region', { name: 'Check your inbox' });
    expect(screen.getByRole('status')).toHaveTextContent(
      'We sent a message to ada@example.org. Open the link in it to finish.',
    );
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    expect(within(page).getByRole('link', { name: 'Log in' })).toHaveAttribute(
      'href',
      '/login?next=%2Fcourses%2Fplc-basics',
    );
    expect(router.state.location.pathname).toBe('/register');
    const [request] = network.requestsTo('POST /api/v1/auth/register');
    expect(request?.headers.get('X-CSRFToken')).toBe('test-csrf-token');
    expect(request?.headers.get('Accept-Language')).toBe('en');
    expect(request?.body).toMatchObject({ country: 'GB', next: '/courses/plc-basics' });
    // Registering starts no session: nothing asked who is signed in again.
    expect(network.requestsTo('GET /api/v1/auth/session')).toHaveLength(1);
  });

  it('sends no `next` that leads off the site', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'POST /api/v1/auth/register': () => jsonResponse({ detail: 'Check your inbox.' }, 202),
    });
    const { user } = renderApp('/register?next=%2F%2Fevil.example%2F');

    await user.type(screen.getByLabelText('E-mail address'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'analytical-engine-1843');
    await user.type(screen.getByLabelText('Full name (as on certificates)'), 'Ada Lovelace');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Check your inbox' }),
    ).toBeVisible();
    expect(network.requestsTo('POST /api/v1/auth/register')[0]?.body).not.toHaveProperty('next');
  });

  it.each([
    ['de', 'Deutschland', /^Land/],
    ['zh-Hans', '德国', /^国家\/地区/],
  ])('names the countries in the UI language (%s): DE is %s', async (language, name, label) => {
    mockFetch({ 'GET /api/v1/auth/session': SIGNED_OUT });
    await i18n.changeLanguage(language);
    const { user } = renderApp('/register');

    const select = await screen.findByLabelText(label);
    await user.selectOptions(select, 'DE');

    expect(select).toHaveDisplayValue(name);
  });
});
