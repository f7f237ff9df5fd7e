/** POST /api/v1/auth/register — create the account; the backend signs the new user in. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { changeLanguage } from '@/lib/i18n';
import { fromBackendLanguage } from '@/lib/languages';
import { switchIdentity } from '@/lib/session';

import type { Me, RegisterInput } from '../types';

export function register(body: RegisterInput): Promise<Me> {
  return unwrap(apiClient.POST('/api/v1/auth/register', { body }));
}

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: async (me) => {
      // Answers cached while signed out ("log in to enrol", no enrolments) are wrong from now on.
      await switchIdentity(queryClient, me);
      await changeLanguage(fromBackendLanguage(me.preferred_language));
    },
  });
}
