/** POST /api/v1/auth/logout — end the session, leave for the home page, forget everything cached. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';

import { apiClient, unwrap } from '@/lib/api-client';
import { switchIdentity } from '@/lib/session';

export async function logout(): Promise<void> {
  await unwrap(apiClient.POST('/api/v1/auth/logout'));
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSuccess: async () => {
      // Leave first, synchronously: a page that needs someone (the profile) would otherwise see
      // nobody signed in and send the reader to log in again.
      await navigate('/', { replace: true, flushSync: true });
      await switchIdentity(queryClient, null);
    },
  });
}
