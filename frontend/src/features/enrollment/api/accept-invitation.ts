/** POST /api/v1/invitations/<token>/accept — accept as the invited address: enrols (idempotent). */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Enrollment } from '../types';
import { INVITATION_QUERY_KEY } from './get-invitation';
import { ENROLLMENTS_QUERY_KEY } from './list-enrollments';

export function acceptInvitation(token: string): Promise<Enrollment> {
  return unwrap(
    apiClient.POST('/api/v1/invitations/{token}/accept', { params: { path: { token } } }),
  );
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ENROLLMENTS_QUERY_KEY }),
        queryClient.invalidateQueries({ queryKey: INVITATION_QUERY_KEY }),
      ]),
  });
}
