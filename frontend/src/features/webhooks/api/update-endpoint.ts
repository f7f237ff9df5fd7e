/** PATCH /api/v1/organizations/{slug}/webhooks/endpoints/{id} — change the URL, description or
 * event types, or enable (`is_active: true`, which clears the failure streak) or disable it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Endpoint, EndpointChange } from '../types';
import { endpointKey, endpointsKey } from './query-keys';

export function updateEndpoint(
  organizationSlug: string,
  endpointId: string,
  change: EndpointChange,
): Promise<Endpoint> {
  return unwrap(
    apiClient.PATCH('/api/v1/organizations/{organization_slug}/webhooks/endpoints/{endpoint_id}', {
      params: { path: { organization_slug: organizationSlug, endpoint_id: endpointId } },
      body: change,
    }),
  );
}

export function useUpdateEndpoint(organizationSlug: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: EndpointChange) => updateEndpoint(organizationSlug, endpointId, change),
    onSuccess: async (endpoint) => {
      queryClient.setQueryData(endpointKey(organizationSlug, endpointId), endpoint);
      await queryClient.invalidateQueries({
        queryKey: endpointsKey(organizationSlug),
        exact: true,
      });
    },
  });
}
