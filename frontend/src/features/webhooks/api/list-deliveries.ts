/** GET /api/v1/organizations/{slug}/webhooks/endpoints/{id}/deliveries — the delivery log, newest
 * first, a page at a time, optionally of one state or event type. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Delivery, DeliveryFilters, DeliveryPage } from '../types';
import { deliveryPageKey } from './query-keys';

export const DELIVERY_PAGE_SIZE = 20;
/** While a delivery of the page is due within SOON_MILLISECONDS or had an attempt start within
 * as long (it may be under way: its `next_attempt_at` is then the end of its lease, minutes
 * ahead), the log asks again this often; while one waits for a later retry, every
 * LATER_REFRESH_MILLISECONDS. */
const SOON_REFRESH_MILLISECONDS = 2_000;
const SOON_MILLISECONDS = 60_000;
const LATER_REFRESH_MILLISECONDS = 30_000;

/** How soon to ask again: attempts run in the background, and the log follows them. */
export function refreshInterval(deliveries: readonly Delivery[], now = Date.now()): number | false {
  const pending = deliveries.filter((delivery) => delivery.state === 'pending');
  if (pending.length === 0) return false;
  const isSoon = pending.some(
    (delivery) =>
      delivery.next_attempt_at === null ||
      Date.parse(delivery.next_attempt_at) - now < SOON_MILLISECONDS ||
      (delivery.last_attempt_at !== null &&
        now - Date.parse(delivery.last_attempt_at) < SOON_MILLISECONDS),
  );
  return isSoon ? SOON_REFRESH_MILLISECONDS : LATER_REFRESH_MILLISECONDS;
}

export function listDeliveries(
  organizationSlug: string,
  endpointId: string,
  filters: DeliveryFilters,
): Promise<DeliveryPage> {
  return unwrap(
    apiClient.GET(
      '/api/v1/organizations/{organization_slug}/webhooks/endpoints/{endpoint_id}/deliveries',
      {
        params: {
          path: { organization_slug: organizationSlug, endpoint_id: endpointId },
          query: {
            page: filters.page,
            page_size: DELIVERY_PAGE_SIZE,
            ...(filters.state ? { state: filters.state } : {}),
            ...(filters.eventType ? { event_type: filters.eventType } : {}),
          },
        },
      },
    ),
  );
}

export function deliveriesQueryOptions(
  organizationSlug: string,
  endpointId: string,
  filters: DeliveryFilters,
) {
  return queryOptions({
    queryKey: deliveryPageKey(organizationSlug, endpointId, filters),
    queryFn: () => listDeliveries(organizationSlug, endpointId, filters),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => refreshInterval(query.state.data?.results ?? []),
  });
}

export function useDeliveries(
  organizationSlug: string,
  endpointId: string,
  filters: DeliveryFilters,
) {
  return useQuery(deliveriesQueryOptions(organizationSlug, endpointId, filters));
}
