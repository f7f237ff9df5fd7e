/** POST /api/v1/certificates/<id>/reinstate — approvers undo a revocation made in error, with a reason (audited). */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Verification } from '../types';

export function reinstateCertificate({
  id,
  reason,
}: {
  id: string;
  reason: string;
}): Promise<Verification> {
  return unwrap(
    apiClient.POST('/api/v1/certificates/{certificate_id}/reinstate', {
      params: { path: { certificate_id: id } },
      body: { reason },
    }),
  );
}

export function useReinstateCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reinstateCertificate,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['certificates'] });
    },
  });
}
