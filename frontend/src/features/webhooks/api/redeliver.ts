/** POST …/deliveries/{delivery_id}/redeliver — send a finished delivery again, same message id and
 * body (202: the new delivery); 400 `still_pending` or `endpoint_disabled`. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Delivery } from '../types';
import { deliveriesKey } from './query-keys';

export function redeliver(
  organizationSlug: string,
  endpointId: string,
  deliveryId: number,
): Promise<Delivery> {
  return unwrap(
    apiClient.POST(
      '/api/v1/organizations/{organization_slug}/webhooks/endpoints/{endpoint_id}/deliveries/{delivery_id}/redeliver',
      {
        params: {
          path: {
            organization_slug: organizationSlug,
            endpoint_id: endpointId,
            delivery_id: deliveryId,
          },
        },
      },
    ),
  );
}

export function useRedeliver(organizationSlug: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: number) => redeliver(organizationSlug, endpointId, deliveryId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: deliveriesKey(organizationSlug, endpointId) }),
  });
}
