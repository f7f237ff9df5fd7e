/** Profile: shows the account and sends exactly the edited values. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, SIGNED_OUT, signedInAs } from '@/testing/fetch-mock';
import { ME } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

describe('ProfilePage and ProfileForm', () => {
  it('shows the e-mail, join date and memberships of the signed-in user', async () => {
    mockFetch({ 'GET /api/v1/auth/session': signedInAs(ME) });
    renderApp('/profile');

    expect(await screen.findByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
    expect(screen.getByText('wei.zhang@example.org')).toBeVisible();
    expect(screen.getByText('March 14, 2026')).toBeVisible();
    const row = screen.getByRole('row', { name: /Rhine Institute of Production Technology/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Institution', 'Germany', 'Author']);
  });

  it('submits a PATCH with exactly the edited values and confirms the save', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': signedInAs(ME),
      'PATCH /api/v1/auth/me': ({ body }) => jsonResponse({ ...ME, ...(body as object) }),
    });
    const { user } = renderApp('/profile');

    const fullName = await screen.findByLabelText('Full name (as on certificates)');
    expect(fullName).toHaveValue('Zhang Wei');
    await user.clear(fullName);
    await user.type(fullName, 'Zhang Wei-Ming');
    await user.clear(screen.getByLabelText('Name in native script (optional)'));
    await user.type(screen.getByLabelText('Name in native script (optional)'), '张伟明');
    await user.selectOptions(screen.getByLabelText('Country (optional)'), 'SG');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Your profile has been saved.');
    const patches = network.requestsTo('PATCH /api/v1/auth/me');
    expect(patches).toHaveLength(1);
    expect(patches[0]?.body).toEqual({
      full_name: 'Zhang Wei-Ming',
      native_name: '张伟明',
      country: 'SG',
    });
    expect(patches[0]?.headers.get('X-CSRFToken')).toBe('test-csrf-token');
    expect(screen.getByText('Zhang Wei-Ming')).toBeVisible();
  });

  it('saving another preferred language switches the page to it', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': signedInAs(ME),
      'PATCH /api/v1/auth/me': ({ body }) => jsonResponse({ ...ME, ...(body as object) }),
    });
    const { user } = renderApp('/profile');

    await user.selectOptions(await screen.findByLabelText('Preferred language'), 'de');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Ihr Profil' })).toBeVisible();
    expect(network.requestsTo('PATCH /api/v1/auth/me')[0]?.body).toEqual({
      preferred_language: 'de',
    });
    expect(screen.getByLabelText('Bevorzugte Sprache')).toHaveValue('de');
  });

  it('shows field errors from the PATCH next to the field', async () => {
    mockFetch({
      'GET /api/v1/auth/session': signedInAs(ME),
      'PATCH /api/v1/auth/me': () =>
        jsonResponse(
          {
            detail: 'Invalid input.',
            code: 'invalid',
            fields: { full_name: ['This field may not be blank.'] },
          },
          400,
        ),
    });
    const { user } = renderApp('/profile');

    await user.clear(await screen.findByLabelText('Full name (as on certificates)'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid input.');
    expect(screen.getByLabelText('Full name (as on certificates)')).toHaveAccessibleDescription(
      'This field may not be blank. Printed on your certificates exactly as you type it here.',
    );
  });

  it('sends an anonymous visitor to log in first', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
    });
    const { router } = renderApp('/profile');

    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Fprofile');
  });
});
