/** POST /api/v1/organizations/{slug}/webhooks/endpoints/{id}/test — queue a `webhook.test`
 * message (202: the new delivery); 400 `endpoint_disabled`. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Delivery } from '../types';
import { deliveriesKey } from './query-keys';

export function sendTestDelivery(organizationSlug: string, endpointId: string): Promise<Delivery> {
  return unwrap(
    apiClient.POST(
      '/api/v1/organizations/{organization_slug}/webhooks/endpoints/{endpoint_id}/test',
      { params: { path: { organization_slug: organizationSlug, endpoint_id: endpointId } } },
    ),
  );
}

export function useSendTestDelivery(organizationSlug: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendTestDelivery(organizationSlug, endpointId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: deliveriesKey(organizationSlug, endpointId) }),
  });
}
