/** POST /api/v1/auth/confirm-email — confirm the address from the e-mailed link; the backend signs the user in. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { changeLanguage } from '@/lib/i18n';
import { fromBackendLanguage } from '@/lib/languages';
import { switchIdentity } from '@/lib/session';

import type { ConfirmEmailInput, Me } from '../types';

export function confirmEmail(body: ConfirmEmailInput): Promise<Me> {
  return unwrap(apiClient.POST('/api/v1/auth/confirm-email', { body }));
}

export function useConfirmEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmEmail,
    onSuccess: async (me) => {
      // Answers cached while signed out ("log in to enrol", no enrolments) are wrong from now on.
      await switchIdentity(queryClient, me);
      await changeLanguage(fromBackendLanguage(me.preferred_language));
    },
  });
}
