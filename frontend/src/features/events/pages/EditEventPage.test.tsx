/** Editing an event: the form filled in with the event (times in its own zone), the edit sent with
 * the other languages' texts kept, and each refused field named by its input. */
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderRoute } from '@/testing/render';

import type { EventDetail } from '../types';
import { EditEventPage } from './EditEventPage';

const EVENT_PATH = '/api/v1/events/opc-ua-field-day';

const EVENT: EventDetail = {
  slug: 'opc-ua-field-day',
  organization: 'rhine',
  organization_name: 'Rhine Institute',
  kind: 'webinar',
  state: 'published',
  is_online: true,
  place: '',
  address: '',
  title: 'OPC UA field day',
  description: 'Hands-on.',
  description_html: '<p>Hands-on.</p>',
  language: 'en',
  primary_language: 'en',
  languages: ['en', 'de'],
  // 10:00 to 12:00 in Shanghai.
  starts_at: '2026-12-20T02:00:00Z',
  ends_at: '2026-12-20T04:00:00Z',
  time_zone: 'Asia/Shanghai',
  capacity: 30,
  registered_count: 4,
  registration_status: null,
  attended: false,
  credential_id: '',
  meeting_url: 'https://meet.example.org/opc',
  check_in_code: 'ABC234',
  is_staff: true,
  can_edit: true,
  can_publish: false,
  translations: {
    en: { title: 'OPC UA field day', description: 'Hands-on.' },
    de: { title: 'OPC-UA-Praxistag', description: 'Zum Mitmachen.' },
  },
};

function showEdit(event: EventDetail, answer: () => Response = () => jsonResponse(event)) {
  const server = mockFetch({
    [`GET ${EVENT_PATH}`]: () => jsonResponse(event),
    [`PUT ${EVENT_PATH}`]: () => answer(),
  });
  const view = renderRoute(
    '/events/:slug/edit',
    '/events/opc-ua-field-day/edit',
    <EditEventPage />,
  );
  return { ...view, server };
}

describe('EditEventPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('fills in the event and saves a change, keeping the other languages', async () => {
    const { user, server } = showEdit(EVENT);
    const title = await screen.findByLabelText('Title');
    expect(title).toHaveValue('OPC UA field day');
    expect(screen.getByLabelText("Starts (in the event's time zone)")).toHaveValue(
      '2026-12-20T10:00',
    );
    expect(screen.getByLabelText("Ends (in the event's time zone)")).toHaveValue(
      '2026-12-20T12:00',
    );
    expect(screen.getByLabelText('Time zone', { exact: true })).toHaveValue('Asia/Shanghai');
    expect(screen.getByLabelText('Meeting URL')).toHaveValue('https://meet.example.org/opc');
    expect(screen.getByLabelText(/Capacity/)).toHaveValue(30);

    await user.clear(title);
    await user.type(title, 'OPC UA field day 2026');
    const end = screen.getByLabelText("Ends (in the event's time zone)");
    await user.clear(end);
    await user.type(end, '2026-12-20T13:30');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(
      await screen.findByText('The event is saved. Registered attendees see the changes at once.'),
    ).toBeInTheDocument();
    expect(server.requestsTo(`PUT ${EVENT_PATH}`)[0]?.body).toEqual({
      kind: 'webinar',
      is_online: true,
      meeting_url: 'https://meet.example.org/opc',
      place: '',
      address: '',
      primary_language: 'en',
      translations: {
        en: { title: 'OPC UA field day 2026', description: 'Hands-on.' },
        de: { title: 'OPC-UA-Praxistag', description: 'Zum Mitmachen.' },
      },
      starts_at: '2026-12-20T02:00:00.000Z',
      ends_at: '2026-12-20T05:30:00.000Z',
      time_zone: 'Asia/Shanghai',
      capacity: 30,
    });
  });

  it('shows each refused field by its input', async () => {
    const { user } = showEdit(EVENT, () =>
      jsonResponse(
        {
          detail: 'Invalid input.',
          code: 'invalid',
          fields: {
            ends_at: ['The event must end after it starts.'],
            time_zone: [
              '“Mars/Olympus” is not a time zone (use an IANA name, e.g. Europe/Berlin).',
            ],
          },
        },
        400,
      ),
    );
    const zone = await screen.findByLabelText('Time zone', { exact: true });
    await user.clear(zone);
    await user.type(zone, 'Mars/Olympus');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const end = screen.getByLabelText("Ends (in the event's time zone)");
    expect(await screen.findByText('The event must end after it starts.')).toBeVisible();
    expect(end).toHaveAttribute('aria-invalid', 'true');
    expect(end).toHaveAccessibleDescription('The event must end after it starts.');
    expect(zone).toHaveAttribute('aria-invalid', 'true');
    expect(zone).toHaveAccessibleDescription(/“Mars\/Olympus” is not a time zone/);
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid input.');
    expect(screen.queryByText(/The event is saved/)).not.toBeInTheDocument();
  });

  it('offers no form to someone who is not staff of the event', async () => {
    showEdit({
      ...EVENT,
      is_staff: false,
      translations: null,
    });
    expect(
      await screen.findByText('Only staff of the organisation that holds this event may edit it.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
  });
});
