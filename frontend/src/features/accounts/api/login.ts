/** POST /api/v1/auth/login — start a session; the UI then speaks the user's preferred language. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { changeLanguage } from '@/lib/i18n';
import { fromBackendLanguage } from '@/lib/languages';
import { switchIdentity } from '@/lib/session';

import type { LoginInput, Me } from '../types';

export function login(body: LoginInput): Promise<Me> {
  return unwrap(apiClient.POST('/api/v1/auth/login', { body }));
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async (me) => {
      // Answers cached while signed out ("log in to enrol", no enrolments) are wrong from now on.
      await switchIdentity(queryClient, me);
      await changeLanguage(fromBackendLanguage(me.preferred_language));
    },
  });
}
