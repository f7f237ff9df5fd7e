/** DELETE /api/v1/organizations/{slug}/webhooks/endpoints/{id} — remove an endpoint with its
 * delivery log. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import { endpointKey, endpointsKey } from './query-keys';

export async function deleteEndpoint(organizationSlug: string, endpointId: string): Promise<void> {
  await unwrap(
    apiClient.DELETE('/api/v1/organizations/{organization_slug}/webhooks/endpoints/{endpoint_id}', {
      params: { path: { organization_slug: organizationSlug, endpoint_id: endpointId } },
    }),
  );
}

export function useDeleteEndpoint(organizationSlug: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteEndpoint(organizationSlug, endpointId),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: endpointKey(organizationSlug, endpointId) });
      await queryClient.invalidateQueries({
        queryKey: endpointsKey(organizationSlug),
        exact: true,
      });
    },
  });
}
