/** POST /api/v1/organizations/{slug}/webhooks/endpoints — register an endpoint. The answer holds
 * its secret this once; 400 names a refused field (`url`: not https, a private or loopback
 * address, the platform itself; `event_types`). */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { EndpointInput, EndpointWithSecret } from '../types';
import { endpointsKey } from './query-keys';

export function createEndpoint(
  organizationSlug: string,
  input: EndpointInput,
): Promise<EndpointWithSecret> {
  return unwrap(
    apiClient.POST('/api/v1/organizations/{organization_slug}/webhooks/endpoints', {
      params: { path: { organization_slug: organizationSlug } },
      body: input,
    }),
  );
}

export function useCreateEndpoint(organizationSlug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EndpointInput) => createEndpoint(organizationSlug, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: endpointsKey(organizationSlug) }),
  });
}
