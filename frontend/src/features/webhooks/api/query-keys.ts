/** The webhooks feature's query keys: everything of one organisation under one prefix, so a
 * change to an endpoint can refresh its list, itself and its log at once. */
import type { DeliveryFilters } from '../types';

export function organizationWebhooksKey(organizationSlug: string) {
  return ['webhooks', organizationSlug] as const;
}

export function endpointsKey(organizationSlug: string) {
  return [...organizationWebhooksKey(organizationSlug), 'endpoints'] as const;
}

export function endpointKey(organizationSlug: string, endpointId: string) {
  return [...endpointsKey(organizationSlug), endpointId] as const;
}

export function deliveriesKey(organizationSlug: string, endpointId: string) {
  return [...endpointKey(organizationSlug, endpointId), 'deliveries'] as const;
}

export function deliveryPageKey(
  organizationSlug: string,
  endpointId: string,
  filters: DeliveryFilters,
) {
  return [...deliveriesKey(organizationSlug, endpointId), filters] as const;
}
