/** Endpoints and deliveries as the API answers them, for this feature's tests. */
import type { Delivery, Endpoint } from './types';

export const ORGANIZATIONS = [{ slug: 'rhine', name: 'Rhine Valley TU' }];
export const ENDPOINTS_PATH = '/api/v1/organizations/rhine/webhooks/endpoints';
export const ENDPOINT_ID = '5f1c2b8e-0d6a-4c1e-9f0a-3b7d2e4c6a10';
export const ENDPOINT_PATH = `${ENDPOINTS_PATH}/${ENDPOINT_ID}`;

export const ENDPOINT: Endpoint = {
  id: ENDPOINT_ID,
  url: 'https://hr.example.org/hooks/icim',
  description: 'HR system',
  event_types: ['certificate.issued', 'enrollment.completed'],
  is_active: true,
  disabled_reason: '',
  disabled_at: null,
  consecutive_failures: 0,
  failing_since: null,
  previous_secret_expires_at: null,
  created_at: '2026-12-01T09:00:00Z',
  updated_at: '2026-12-01T09:00:00Z',
};

export function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    id: 41,
    event_type: 'webhook.test',
    message_id: 'msg_2Zx9TestMessage',
    payload: { type: 'webhook.test', timestamp: '2026-12-07T10:00:00Z', data: {} },
    state: 'succeeded',
    attempt_count: 1,
    next_attempt_at: null,
    last_attempt_at: '2026-12-07T10:00:01Z',
    last_response_status: 200,
    last_response_ms: 37,
    last_error: '',
    redelivery_of: null,
    created_at: '2026-12-07T10:00:00Z',
    ...overrides,
  };
}

export function deliveryPage(results: Delivery[], count = results.length) {
  return { count, next: null, previous: null, results };
}
