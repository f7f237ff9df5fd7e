/** GET /api/v1/organizations/{slug}/webhooks/endpoints/{id} — one endpoint (never its secret). */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Endpoint } from '../types';
import { endpointKey } from './query-keys';

export function getEndpoint(organizationSlug: string, endpointId: string): Promise<Endpoint> {
  return unwrap(
    apiClient.GET('/api/v1/organizations/{organization_slug}/webhooks/endpoints/{endpoint_id}', {
      params: { path: { organization_slug: organizationSlug, endpoint_id: endpointId } },
    }),
  );
}

export function endpointQueryOptions(organizationSlug: string, endpointId: string) {
  return queryOptions({
    queryKey: endpointKey(organizationSlug, endpointId),
    queryFn: () => getEndpoint(organizationSlug, endpointId),
  });
}

export function useEndpoint(organizationSlug: string, endpointId: string) {
  return useQuery(endpointQueryOptions(organizationSlug, endpointId));
}
