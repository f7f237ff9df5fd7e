/** PATCH /api/v1/auth/me — change the name on certificates, native name, language or country. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Me, ProfileUpdate } from '../types';
import { SESSION_QUERY_KEY } from '@/lib/session';

export function updateMe(body: ProfileUpdate): Promise<Me> {
  return unwrap(apiClient.PATCH('/api/v1/auth/me', { body }));
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (me) => {
      queryClient.setQueryData(SESSION_QUERY_KEY, me);
    },
  });
}
