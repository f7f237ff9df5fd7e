/** POST /api/v1/organizations/{slug}/webhooks/endpoints/{id}/rotate-secret — a new secret, shown
 * this once; the previous one keeps signing beside it until `previous_secret_expires_at`. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Endpoint, EndpointWithSecret } from '../types';
import { endpointKey } from './query-keys';

export function rotateSecret(
  organizationSlug: string,
  endpointId: string,
): Promise<EndpointWithSecret> {
  return unwrap(
    apiClient.POST(
      '/api/v1/organizations/{organization_slug}/webhooks/endpoints/{endpoint_id}/rotate-secret',
      { params: { path: { organization_slug: organizationSlug, endpoint_id: endpointId } } },
    ),
  );
}

export function useRotateSecret(organizationSlug: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => rotateSecret(organizationSlug, endpointId),
    onSuccess: (answer) => {
      // The cache keeps the endpoint, never its secret.
      const endpoint = Object.fromEntries(
        Object.entries(answer).filter(([name]) => name !== 'secret'),
      ) as Endpoint;
      queryClient.setQueryData(endpointKey(organizationSlug, endpointId), endpoint);
    },
  });
}
