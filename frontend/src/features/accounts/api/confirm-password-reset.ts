/** POST /api/v1/auth/password-reset/confirm — set a new password from the e-mailed link. */
import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { DetailResponse, PasswordResetConfirmInput } from '../types';

export function confirmPasswordReset(body: PasswordResetConfirmInput): Promise<DetailResponse> {
  return unwrap(apiClient.POST('/api/v1/auth/password-reset/confirm', { body }));
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
