/** Creating an event with the shared event form: the organisation chosen, times read in the
 * event's zone, a refused field shown by its input. */
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderRoute } from '@/testing/render';

import { StaffEventsPage } from './StaffEventsPage';

const ORGANIZATIONS = new Map([
  ['rhine', 'Rhine Institute'],
  ['huaxia', 'Huaxia Polytechnic'],
]);

describe('StaffEventsPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('creates an event in the chosen organisation and opens it', async () => {
    const server = mockFetch({
      'GET /api/v1/events/staff': () =>
        jsonResponse({ count: 0, next: null, previous: null, results: [] }),
      'POST /api/v1/events': () => jsonResponse({ slug: 'plc-clinic-a1b2c3' }, 201),
    });
    // Any /events/ path, so the navigation to the new event lands on a route.
    const { user, router } = renderRoute(
      '/events/*',
      '/events/manage',
      <StaffEventsPage organizations={ORGANIZATIONS} />,
    );
    await user.selectOptions(await screen.findByLabelText('Organisation'), 'huaxia');
    await user.type(screen.getByLabelText('Title'), 'PLC clinic');
    await user.type(screen.getByLabelText('Meeting URL'), 'https://meet.example.org/plc');
    await user.type(screen.getByLabelText("Starts (in the event's time zone)"), '2026-07-01T10:00');
    await user.type(screen.getByLabelText("Ends (in the event's time zone)"), '2026-07-01T11:00');
    const zone = screen.getByLabelText('Time zone', { exact: true });
    await user.clear(zone);
    await user.type(zone, 'Europe/Berlin');
    await user.click(screen.getByRole('button', { name: 'Create draft' }));

    await vi.waitFor(() => {
      expect(router.state.location.pathname).toBe('/events/plc-clinic-a1b2c3');
    });
    expect(server.requestsTo('POST /api/v1/events')[0]?.body).toEqual({
      organization: 'huaxia',
      kind: 'webinar',
      is_online: true,
      meeting_url: 'https://meet.example.org/plc',
      place: '',
      address: '',
      primary_language: 'en',
      translations: { en: { title: 'PLC clinic', description: '' } },
      starts_at: '2026-07-01T08:00:00.000Z',
      ends_at: '2026-07-01T09:00:00.000Z',
      time_zone: 'Europe/Berlin',
      capacity: null,
    });
  });
});
