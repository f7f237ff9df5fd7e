/** POST /api/v1/auth/login — start a session; the UI then speaks the user's preferred language. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { changeLanguage } from '@/lib/i18n';
import { fromBackendLanguage } from '@/lib/languages';

import type { LoginInput, Me } from '../types';
import { ME_QUERY_KEY } from './get-me';

export function login(body: LoginInput): Promise<Me> {
  return unwrap(apiClient.POST('/api/v1/auth/login', { body }));
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async (me) => {
      queryClient.setQueryData(ME_QUERY_KEY, me);
      await changeLanguage(fromBackendLanguage(me.preferred_language));
    },
  });
}
