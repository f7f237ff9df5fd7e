/** POST /api/v1/certificates/<id>/revoke — approvers revoke with a reason shown to verifiers. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Verification } from '../types';

export function revokeCertificate({
  id,
  reason,
}: {
  id: string;
  reason: string;
}): Promise<Verification> {
  return unwrap(
    apiClient.POST('/api/v1/certificates/{certificate_id}/revoke', {
      params: { path: { certificate_id: id } },
      body: { reason },
    }),
  );
}

export function useRevokeCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeCertificate,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['certificates'] });
    },
  });
}
