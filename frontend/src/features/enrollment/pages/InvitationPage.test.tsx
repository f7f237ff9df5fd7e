/** The invitation page: what an anonymous visitor, the invited learner and another account see;
 * accepting lands on the course; expired and unknown links say so. */
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';
import { jsonResponse, mockFetch, SIGNED_OUT, signedInAs } from '@/testing/fetch-mock';
import { ME } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

import type { Enrollment, Invitation } from '../types';

const TOKEN = '0123456789abcdef0123456789abcdef.signature';
const ROUTE = `GET /api/v1/invitations/${TOKEN}`;
const ACCEPT = `POST /api/v1/invitations/${TOKEN}/accept`;

const OPEN: Invitation = {
  course: 'plc-iec-61131-3',
  course_title: 'PLC Programming with IEC 61131-3',
  institutions: [{ slug: 'rhine-institute', name: 'Rhine Institute of Production Technology' }],
  email: 'wei.zhang@example.org',
  state: 'open',
  expires_at: '2099-03-31T12:00:00Z',
  is_for_you: null,
};

const ENROLLED: Enrollment = {
  id: 42,
  course: 'plc-iec-61131-3',
  title: 'PLC Programming with IEC 61131-3',
  version: 3,
  status: 'active',
  enrolled_at: '2026-03-05T10:00:00Z',
  completed_at: null,
  final_grade: null,
  waitlist_position: null,
  newer_version_available: false,
};

describe('InvitationPage', () => {
  it('shows the course and institution to a visitor and asks to sign in with the address', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      [ROUTE]: () => jsonResponse(OPEN),
    });
    renderApp(`/invitations/${TOKEN}`);

    expect(
      await screen.findByRole('heading', {
        name: 'Invitation to “PLC Programming with IEC 61131-3”',
      }),
    ).toBeVisible();
    expect(screen.getByText('From Rhine Institute of Production Technology')).toBeVisible();
    expect(
      screen.getByText('To accept, sign in or create an account with wei.zhang@example.org.'),
    ).toBeVisible();
    const back = encodeURIComponent(`/invitations/${TOKEN}`);
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      `/login?next=${back}&email=wei.zhang%40example.org`,
    );
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute(
      'href',
      `/register?next=${back}&email=wei.zhang%40example.org`,
    );
    expect(screen.queryByRole('button', { name: 'Accept and enrol' })).toBeNull();
    expect(network.requestsTo(ACCEPT)).toHaveLength(0);
  });

  it('fills in the invited address on the sign-in page and comes back after signing in', async () => {
    let isSignedIn = false;
    mockFetch({
      'GET /api/v1/auth/session': () =>
        isSignedIn ? signedInAs(ME)() : jsonResponse({ user: null }),
      'POST /api/v1/auth/login': () => {
        isSignedIn = true;
        return jsonResponse(ME);
      },
      [ROUTE]: () => jsonResponse({ ...OPEN, is_for_you: isSignedIn ? true : null }),
    });
    const { user, router } = renderApp(`/invitations/${TOKEN}`);

    await user.click(await screen.findByRole('link', { name: 'Sign in' }));
    expect(screen.getByLabelText('E-mail address')).toHaveValue('wei.zhang@example.org');
    await user.type(screen.getByLabelText('Password'), 'secret-secret');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('button', { name: 'Accept and enrol' })).toBeVisible();
    expect(router.state.location.pathname).toBe(`/invitations/${TOKEN}`);
  });

  it('accepts for the invited learner and lands on the course', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': signedInAs(ME),
      [ROUTE]: () => jsonResponse({ ...OPEN, is_for_you: true }),
      [ACCEPT]: () => jsonResponse(ENROLLED),
      'GET /api/v1/enrollments/': () =>
        jsonResponse({ count: 1, next: null, previous: null, results: [ENROLLED] }),
      'GET /api/v1/enrollments/42/': () => jsonResponse(ENROLLED),
      'GET /api/v1/enrollments/42/progress/': () => new Promise<Response>(() => undefined),
    });
    const { user, router } = renderApp(`/invitations/${TOKEN}`);

    await user.click(await screen.findByRole('button', { name: 'Accept and enrol' }));

    expect(network.requestsTo(ACCEPT)).toHaveLength(1);
    await screen.findByText('Loading…');
    expect(router.state.location.pathname).toBe('/learn/42');
  });

  it('tells another account that the invitation is not theirs, with no way to accept', async () => {
    mockFetch({
      'GET /api/v1/auth/session': signedInAs({ ...ME, email: 'someone.else@example.org' }),
      [ROUTE]: () => jsonResponse({ ...OPEN, is_for_you: false }),
    });
    renderApp(`/invitations/${TOKEN}`);

    expect(
      await screen.findByText(
        'This invitation is for wei.zhang@example.org. Sign out, then sign in with that address to accept it.',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Accept and enrol' })).toBeNull();
  });

  it('shows the refusal of the server when accepting fails', async () => {
    mockFetch({
      'GET /api/v1/auth/session': signedInAs(ME),
      [ROUTE]: () => jsonResponse({ ...OPEN, is_for_you: true }),
      [ACCEPT]: () =>
        jsonResponse(
          {
            detail: 'This invitation has expired: ask the course’s staff to send a new one.',
            code: 'invitation_expired',
          },
          400,
        ),
    });
    const { user, router } = renderApp(`/invitations/${TOKEN}`);

    await user.click(await screen.findByRole('button', { name: 'Accept and enrol' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This invitation has expired: ask the course’s staff to send a new one.',
    );
    expect(router.state.location.pathname).toBe(`/invitations/${TOKEN}`);
  });

  it('says so for an expired invitation, in German too', async () => {
    mockFetch({
      'GET /api/v1/auth/session': signedInAs(ME),
      [ROUTE]: () => jsonResponse({ ...OPEN, state: 'expired', is_for_you: true }),
    });
    await act(() => i18n.changeLanguage('de'));
    renderApp(`/invitations/${TOKEN}`);

    expect(
      await screen.findByText(
        'Diese Einladung ist abgelaufen. Bitten Sie die Lehrenden des Kurses um eine neue.',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Annehmen und einschreiben' })).toBeNull();
  });

  it('explains an unknown or damaged link', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      [ROUTE]: () => jsonResponse({ detail: 'Not found.', code: 'not_found' }, 404),
    });
    renderApp(`/invitations/${TOKEN}`);

    expect(
      await screen.findByText(
        'This invitation link is not valid. Check that you copied the whole link from the e-mail.',
      ),
    ).toBeVisible();
  });
});
