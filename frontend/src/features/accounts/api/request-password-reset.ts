/** POST /api/v1/auth/password-reset — e-mail a reset link (answers the same whether or not the address exists). */
import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { DetailResponse, PasswordResetInput } from '../types';

export function requestPasswordReset(body: PasswordResetInput): Promise<DetailResponse> {
  return unwrap(apiClient.POST('/api/v1/auth/password-reset', { body }));
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
