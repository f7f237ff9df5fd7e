/** One endpoint: rotating its secret (shown once, with the grace period), its delivery log
 * (filters, pages, a delivery's detail, redelivery), a test delivery, disabling, removal. */
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { formatDateTime } from '@/lib/format';
import { i18n } from '@/lib/i18n';
import { emptyResponse, jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderRoute } from '@/testing/render';

import type { Delivery } from '../types';
import {
  delivery,
  deliveryPage,
  ENDPOINT,
  ENDPOINT_ID,
  ENDPOINT_PATH,
  ORGANIZATIONS,
} from '../testing';
import { EndpointPage } from './EndpointPage';

const DELIVERIES_PATH = `${ENDPOINT_PATH}/deliveries`;
const NEW_SECRET = 'whsec_Q2hhbmdlZFNlY3JldEZvclRoZVRlc3RzMTI=';
const GRACE_END = '2026-12-08T10:00:00Z';

function showEndpoint(search = '') {
  return renderRoute(
    '/studio/webhooks/:organization/:endpointId',
    `/studio/webhooks/rhine/${ENDPOINT_ID}${search}`,
    <EndpointPage organizations={ORGANIZATIONS} />,
  );
}

describe('EndpointPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('rotates the secret: the new one is shown once, and the old one signs until the grace ends', async () => {
    const server = mockFetch({
      [`GET ${ENDPOINT_PATH}`]: () => jsonResponse(ENDPOINT),
      [`GET ${DELIVERIES_PATH}`]: () => jsonResponse(deliveryPage([])),
      [`POST ${ENDPOINT_PATH}/rotate-secret`]: () =>
        jsonResponse({ ...ENDPOINT, previous_secret_expires_at: GRACE_END, secret: NEW_SECRET }),
    });
    const { user } = showEndpoint();
    expect(
      await screen.findByText(
        'Nothing has been sent to this endpoint yet. Send a test delivery to try it.',
      ),
    ).toBeVisible();
    expect(screen.queryByLabelText('Signing secret')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Rotate the secret' }));

    const heading = await screen.findByRole('heading', { name: 'The new signing secret' });
    expect(heading).toHaveFocus();
    expect(screen.getByLabelText('Signing secret')).toHaveValue(NEW_SECRET);
    expect(
      screen.getByText(
        `The previous secret keeps signing messages, beside the new one, until ${formatDateTime(GRACE_END, 'en')}; after that only the new one does. Update your receiver before then.`,
      ),
    ).toBeVisible();
    expect(screen.getByText('This is the only time the secret is shown.')).toBeVisible();
    expect(screen.getByText('The secret is rotated: copy the new one below.')).toBeVisible();
    expect(
      screen.getByText('The secret is rotated: copy the new one below.').closest('[role="status"]'),
    ).not.toBeNull();
    expect(server.requestsTo(`POST ${ENDPOINT_PATH}/rotate-secret`)).toHaveLength(1);

    // The result is said in the language the page is in now.
    await act(async () => {
      await i18n.changeLanguage('de');
    });
    expect(
      await screen.findByText('Das Geheimnis ist erneuert: Kopieren Sie unten das neue.'),
    ).toBeVisible();
  });

  it('shows the log newest first, filters it, pages it, details a delivery and redelivers it', async () => {
    const failed = delivery({
      id: 42,
      event_type: 'certificate.issued',
      message_id: 'msg_2ZyFailedOne',
      payload: { type: 'certificate.issued', data: { certificate_id: 'c-1' } },
      state: 'failed',
      attempt_count: 8,
      last_response_status: 500,
      last_response_ms: 1234,
      last_error: 'receiver says no',
    });
    const succeeded = delivery();
    const redelivered: Delivery = delivery({
      id: 43,
      event_type: 'certificate.issued',
      message_id: 'msg_2ZyFailedOne',
      payload: failed.payload,
      state: 'succeeded',
      redelivery_of: 42,
    });
    let results = [failed, succeeded];
    const server = mockFetch({
      [`GET ${ENDPOINT_PATH}`]: () => jsonResponse(ENDPOINT),
      [`GET ${DELIVERIES_PATH}`]: () => jsonResponse(deliveryPage(results, 45)),
      [`POST ${DELIVERIES_PATH}/42/redeliver`]: () => {
        results = [redelivered, failed, succeeded];
        return jsonResponse(redelivered, 202);
      },
    });
    const { user, router } = showEndpoint();

    const log = await screen.findByRole('table', {
      name: 'Deliveries to this endpoint, newest first',
    });
    expect(
      within(log)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Created', 'Event', 'State', 'Attempts', 'Last status code', 'Duration', 'Actions']);
    const rows = within(log).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        [...row.querySelectorAll('td')].slice(1, 6).map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['Certificate issued', 'Failed', '8', '500', '1,234 ms'],
      ['Test message', 'Delivered', '1', '200', '37 ms'],
    ]);
    expect(screen.getByText('45 deliveries, newest first')).toBeVisible();
    expect(screen.getByText('Page 1 of 3')).toBeVisible();
    expect(server.requestsTo(`GET ${DELIVERIES_PATH}?page=1&page_size=20`)).toHaveLength(1);

    await user.selectOptions(screen.getByLabelText('State'), 'failed');
    await user.selectOptions(screen.getByLabelText('Event'), 'certificate.issued');
    await screen.findByText('Page 1 of 3');
    expect(
      server.requestsTo(
        `GET ${DELIVERIES_PATH}?page=1&page_size=20&state=failed&event_type=certificate.issued`,
      ),
    ).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Page 2 of 3')).toBeVisible();
    expect(
      server.requestsTo(
        `GET ${DELIVERIES_PATH}?page=2&page_size=20&state=failed&event_type=certificate.issued`,
      ),
    ).toHaveLength(1);
    expect(router.state.location.search).toBe('?state=failed&event_type=certificate.issued&page=2');

    await user.click(screen.getByRole('button', { name: 'Details Delivery 42' }));
    const detail = await screen.findByRole('region', { name: 'Delivery 42' });
    expect(within(detail).getByRole('heading', { name: 'Delivery 42' })).toHaveFocus();
    const facts = Object.fromEntries(
      [...detail.querySelectorAll('dt')].map((term) => [
        term.textContent,
        term.nextElementSibling?.textContent,
      ]),
    );
    expect(facts).toMatchObject({
      Event: 'Certificate issued certificate.issued',
      State: 'Failed',
      'Message id (webhook-id)': 'msg_2ZyFailedOne',
      Attempts: '8',
      'Last status code': '500',
      Duration: '1,234 ms',
      Error: 'receiver says no',
    });
    expect(within(detail).getByLabelText('Payload (JSON)').textContent).toBe(
      JSON.stringify(failed.payload, null, 2),
    );

    await user.click(within(detail).getByRole('button', { name: 'Redeliver' }));
    expect(
      await screen.findByText(
        'Redelivery 43 is queued with the same message id and body: its result appears in the log.',
      ),
    ).toBeVisible();
    expect(server.requestsTo(`POST ${DELIVERIES_PATH}/42/redeliver`)).toHaveLength(1);
    // The log goes back to its first page, unfiltered, with the new delivery open.
    const opened = await screen.findByRole('region', { name: 'Delivery 43' });
    expect(within(opened).getByText('Redelivery of').nextElementSibling?.textContent).toBe('42');
    expect(router.state.location.search).toBe('?delivery=43');
  });

  it('says why a redelivery is refused', async () => {
    const pending = delivery({ id: 50, state: 'failed' });
    mockFetch({
      [`GET ${ENDPOINT_PATH}`]: () => jsonResponse(ENDPOINT),
      [`GET ${DELIVERIES_PATH}`]: () => jsonResponse(deliveryPage([pending])),
      [`POST ${DELIVERIES_PATH}/50/redeliver`]: () =>
        jsonResponse(
          { detail: 'The endpoint is disabled; enable it first.', code: 'endpoint_disabled' },
          400,
        ),
    });
    const { user } = showEndpoint('?delivery=50');
    const detail = await screen.findByRole('region', { name: 'Delivery 50' });
    await user.click(within(detail).getByRole('button', { name: 'Redeliver' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The endpoint is disabled; enable it first.',
    );
  });

  it('sends a test delivery, disables the endpoint, and removes it after confirmation', async () => {
    let endpoint = ENDPOINT;
    const server = mockFetch({
      [`GET ${ENDPOINT_PATH}`]: () => jsonResponse(endpoint),
      [`GET ${DELIVERIES_PATH}`]: () => jsonResponse(deliveryPage([delivery()])),
      [`POST ${ENDPOINT_PATH}/test`]: () => jsonResponse(delivery({ id: 44 }), 202),
      [`PATCH ${ENDPOINT_PATH}`]: () => {
        endpoint = {
          ...ENDPOINT,
          is_active: false,
          disabled_reason: 'Disabled by an administrator.',
          disabled_at: '2026-12-07T11:00:00Z',
        };
        return jsonResponse(endpoint);
      },
      [`DELETE ${ENDPOINT_PATH}`]: () => emptyResponse(),
    });
    const { user, router } = showEndpoint();

    await user.click(await screen.findByRole('button', { name: 'Send a test delivery' }));
    expect(
      await screen.findByText(
        'Test delivery 44 is queued: its result appears in the delivery log below.',
      ),
    ).toBeVisible();
    expect(server.requestsTo(`POST ${ENDPOINT_PATH}/test`)).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Disable' }));
    expect(
      await screen.findByText('The endpoint is disabled: no events are sent to it.'),
    ).toBeVisible();
    expect(server.requestsTo(`PATCH ${ENDPOINT_PATH}`)[0]?.body).toEqual({ is_active: false });
    expect(screen.getByRole('button', { name: 'Enable' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Send a test delivery' })).toBeDisabled();
    expect(screen.getByText(/^Disabled by an administrator\./)).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Remove the endpoint…' }));
    expect(screen.getByRole('heading', { name: 'Remove this endpoint?' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Remove the endpoint…' })).toHaveFocus();
    expect(server.requestsTo(`DELETE ${ENDPOINT_PATH}`)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Remove the endpoint…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove it' }));
    await vi.waitFor(() => {
      expect(router.state.location.pathname).toBe('/studio/webhooks/rhine');
    });
    expect(router.state.location.state).toEqual({ removedUrl: ENDPOINT.url });
    expect(server.requestsTo(`DELETE ${ENDPOINT_PATH}`)).toHaveLength(1);
  });
});
