/** POST / DELETE /api/v1/events/<slug>/registration and POST .../check-in — my place. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import { eventQueryKey } from './get-event';

function useEventMutation<Input>(slug: string, call: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventQueryKey(slug) }),
  });
}

export function useRegister(slug: string) {
  return useEventMutation(slug, () =>
    unwrap(apiClient.POST('/api/v1/events/{slug}/registration', { params: { path: { slug } } })),
  );
}

export function useCancelRegistration(slug: string) {
  return useEventMutation(slug, () =>
    unwrap(apiClient.DELETE('/api/v1/events/{slug}/registration', { params: { path: { slug } } })),
  );
}

export function useCheckIn(slug: string) {
  return useEventMutation(slug, (code: string) =>
    unwrap(
      apiClient.POST('/api/v1/events/{slug}/check-in', {
        params: { path: { slug } },
        body: { code },
      }),
    ),
  );
}
