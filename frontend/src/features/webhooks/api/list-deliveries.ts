/** GET /api/v1/organizations/{slug}/webhooks/endpoints/{id}/deliveries — the delivery log, newest
 * first, a page at a time, optionally of one state or event type. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { DeliveryFilters, DeliveryPage } from '../types';
import { deliveryPageKey } from './query-keys';

export const DELIVERY_PAGE_SIZE = 20;
/** While a delivery of the page is still being attempted, the log asks again this often. */
const PENDING_REFRESH_MILLISECONDS = 2_000;

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
    // A first attempt runs in the background just after a delivery is made: follow it.
    refetchInterval: (query) =>
      query.state.data?.results.some((delivery) => delivery.attempt_count === 0)
        ? PENDING_REFRESH_MILLISECONDS
        : false,
  });
}

export function useDeliveries(
  organizationSlug: string,
  endpointId: string,
  filters: DeliveryFilters,
) {
  return useQuery(deliveriesQueryOptions(organizationSlug, endpointId, filters));
}
