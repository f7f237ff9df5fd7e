/** POST /api/v1/auth/register — create the account; the backend signs the new user in. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { changeLanguage } from '@/lib/i18n';
import { fromBackendLanguage } from '@/lib/languages';

import type { Me, RegisterInput } from '../types';
import { ME_QUERY_KEY } from './get-me';

export function register(body: RegisterInput): Promise<Me> {
  return unwrap(apiClient.POST('/api/v1/auth/register', { body }));
}

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: async (me) => {
      queryClient.setQueryData(ME_QUERY_KEY, me);
      await changeLanguage(fromBackendLanguage(me.preferred_language));
    },
  });
}
