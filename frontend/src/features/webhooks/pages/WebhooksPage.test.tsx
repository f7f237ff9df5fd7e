/** The organisation's endpoints: each one's URL, description, events by their labels, whether it
 * is active or why it is disabled, and its failure streak; the empty state and a refusal. */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { formatDateTime } from '@/lib/format';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderRoute } from '@/testing/render';

import { ENDPOINT, ENDPOINTS_PATH, ORGANIZATIONS } from '../testing';
import { WebhooksPage } from './WebhooksPage';

function showList(path = '/studio/webhooks/rhine') {
  return renderRoute(
    '/studio/webhooks/:organization?',
    path,
    <WebhooksPage organizations={ORGANIZATIONS} />,
  );
}

describe('WebhooksPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists active and disabled endpoints with their events, reason and failure streak', async () => {
    const disabled = {
      ...ENDPOINT,
      id: '0b5e9a55-7c1d-4a55-8a3e-2f9c1d0e7b22',
      url: 'https://erp.example.com/webhook',
      description: '',
      event_types: ['event.attended' as const],
      is_active: false,
      disabled_reason: 'Disabled after 15 failed attempts in a row.',
      disabled_at: '2026-12-05T08:00:00Z',
      consecutive_failures: 15,
      failing_since: '2026-12-01T08:00:00Z',
    };
    mockFetch({ [`GET ${ENDPOINTS_PATH}`]: () => jsonResponse([ENDPOINT, disabled]) });
    showList();

    expect(await screen.findByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    const table = await screen.findByRole('table', {
      name: 'Webhook endpoints of Rhine Valley TU',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Endpoint', 'Events', 'Status']);

    const active = within(table).getByRole('row', { name: /hr\.example\.org/ });
    expect(within(active).getByRole('link', { name: ENDPOINT.url })).toHaveAttribute(
      'href',
      `/studio/webhooks/rhine/${ENDPOINT.id}`,
    );
    expect(within(active).getByText('HR system')).toBeVisible();
    expect(
      within(active)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Certificate issued', 'Course completed']);
    expect(within(active).getByText('Active')).toBeVisible();

    const off = within(table).getByRole('row', { name: /erp\.example\.com/ });
    expect(within(off).getByText('Event attended')).toBeVisible();
    expect(within(off).getByText('Disabled')).toBeVisible();
    expect(
      within(off).getByText(
        `Disabled after 15 failed attempts in a row. (since ${formatDateTime('2026-12-05T08:00:00Z', 'en')})`,
      ),
    ).toBeVisible();
    expect(
      within(off).getByText(
        `15 failed attempts in a row, since ${formatDateTime('2026-12-01T08:00:00Z', 'en')}`,
      ),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: 'Add an endpoint' })).toHaveAttribute(
      'href',
      '/studio/webhooks/rhine/new',
    );
  });

  it('says when there is no endpoint yet', async () => {
    mockFetch({ [`GET ${ENDPOINTS_PATH}`]: () => jsonResponse([]) });
    showList();
    expect(
      await screen.findByText(
        'No endpoint yet: nothing is sent. Add one to start receiving events.',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('opens the first administered organisation and shows a refusal with a retry', async () => {
    mockFetch({
      [`GET ${ENDPOINTS_PATH}`]: () =>
        jsonResponse({ detail: 'Not found.', code: 'not_found' }, 404),
    });
    const { router } = showList('/studio/webhooks');
    expect(await screen.findByRole('alert')).toHaveTextContent('Not found.');
    expect(router.state.location.pathname).toBe('/studio/webhooks/rhine');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});
