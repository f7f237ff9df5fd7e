/** POST /api/v1/auth/logout — end the session and forget everything cached for the user. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import { ME_QUERY_KEY } from './get-me';

export async function logout(): Promise<void> {
  await unwrap(apiClient.POST('/api/v1/auth/logout'));
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, null);
    },
  });
}
