/** The staff panel offers each member only what their role allows: the edit link to authors and
 * administrators, the publish button to approvers and administrators (others are told why). */
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import type { EventDetail } from '../types';
import { StaffPanel } from './StaffPanel';

const DRAFT: EventDetail = {
  slug: 'opc-ua-field-day',
  organization: 'rhine',
  organization_name: 'Rhine Institute',
  kind: 'webinar',
  state: 'draft',
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

function showPanel(event: EventDetail) {
  mockFetch({
    'GET /api/v1/events/opc-ua-field-day/registrations': () =>
      jsonResponse({ count: 0, next: null, previous: null, results: [] }),
  });
  return renderComponent(<StaffPanel event={event} />);
}

describe('StaffPanel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('offers an approver the publish button and no edit link', async () => {
    showPanel({ ...DRAFT, can_edit: false, can_publish: true });
    expect(await screen.findByRole('button', { name: 'Publish' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Edit/ })).not.toBeInTheDocument();
  });

  it('offers an author the edit link and says who publishes', async () => {
    showPanel({ ...DRAFT, can_edit: true, can_publish: false });
    expect(await screen.findByRole('link', { name: /Edit/ })).toHaveAttribute(
      'href',
      '/events/opc-ua-field-day/edit',
    );
    expect(screen.queryByRole('button', { name: 'Publish' })).not.toBeInTheDocument();
    expect(
      screen.getByText('Publishing is for an approver or an administrator of the organisation.'),
    ).toBeInTheDocument();
  });
});
