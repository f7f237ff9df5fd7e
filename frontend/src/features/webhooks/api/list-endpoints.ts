/** GET /api/v1/organizations/{slug}/webhooks/endpoints — the organisation's endpoints, oldest
 * first (its administrators only; anyone else gets 404). */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Endpoint } from '../types';
import { endpointsKey } from './query-keys';

export function listEndpoints(organizationSlug: string): Promise<Endpoint[]> {
  return unwrap(
    apiClient.GET('/api/v1/organizations/{organization_slug}/webhooks/endpoints', {
      params: { path: { organization_slug: organizationSlug } },
    }),
  );
}

export function endpointsQueryOptions(organizationSlug: string) {
  return queryOptions({
    queryKey: endpointsKey(organizationSlug),
    queryFn: () => listEndpoints(organizationSlug),
  });
}

export function useEndpoints(organizationSlug: string) {
  return useQuery(endpointsQueryOptions(organizationSlug));
}
