/** The learner's consent card: who holds a seat, the answer given, and changing it. */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import type { MySeat } from '../types';
import { SeatConsentCard } from './SeatConsentCard';

const SEAT: MySeat = {
  id: 7,
  organization: 'acme',
  organization_name: 'ACME Factory',
  course: 'plc-basics',
  course_title: 'PLC Basics',
  target: { kind: 'course', slug: 'plc-basics', title: 'PLC Basics' },
  assigned_at: '2026-11-02T09:00:00Z',
  consent: 'pending',
  consent_changed_at: null,
};

function page(results: MySeat[]) {
  return { count: results.length, next: null, previous: null, results };
}

describe('SeatConsentCard', () => {
  it('shows nothing when no employer holds a seat for me', async () => {
    const { requests } = mockFetch({ 'GET /api/v1/me/seats': () => jsonResponse(page([])) });
    const { container } = renderComponent(<SeatConsentCard />);
    await waitFor(() => {
      expect(requests).toHaveLength(1);
    });
    expect(container.querySelector('section')).toBeNull();
  });

  it('records my consent, then lets me withdraw it', async () => {
    let current: MySeat = SEAT;
    const { requests } = mockFetch({
      'GET /api/v1/me/seats': () => jsonResponse(page([current])),
      'PUT /api/v1/me/seats/7/consent': (request) => {
        const { consent } = request.body as { consent: 'granted' | 'refused' };
        current = {
          ...current,
          consent: consent === 'refused' && current.consent === 'granted' ? 'withdrawn' : consent,
          consent_changed_at: '2026-11-03T10:00:00Z',
        };
        return jsonResponse(current);
      },
    });
    const { user } = renderComponent(<SeatConsentCard />);

    const seat = await screen.findByTestId('seat-7');
    expect(seat).toHaveTextContent('ACME Factory holds a seat for you on “PLC Basics”.');
    expect(within(seat).getByTestId('seat-consent-state')).toHaveTextContent(
      'Awaiting your decision',
    );

    await user.click(
      within(seat).getByRole('button', { name: 'Allow ACME Factory to see my progress' }),
    );
    expect(await within(seat).findByText(/You allow it/)).toBeInTheDocument();
    await user.click(within(seat).getByRole('button', { name: 'Withdraw my consent' }));

    expect(await within(seat).findByText(/You withdrew your consent/)).toBeInTheDocument();
    expect(
      requests.filter((request) => request.method === 'PUT').map((request) => request.body),
    ).toEqual([{ consent: 'granted' }, { consent: 'refused' }]);
  });
});

describe('SeatConsentCard on a program', () => {
  it('names the program the seat is on', async () => {
    const seat: MySeat = {
      ...SEAT,
      course: null,
      course_title: null,
      target: { kind: 'program', slug: 'smart-factory-engineer', title: 'Smart Factory Engineer' },
    };
    mockFetch({ 'GET /api/v1/me/seats': () => jsonResponse(page([seat])) });
    renderComponent(<SeatConsentCard />);

    expect(await screen.findByTestId('seat-7')).toHaveTextContent(
      'ACME Factory holds a seat for you on the program “Smart Factory Engineer”.',
    );
  });
});
