/** POST /api/v1/auth/register — answers the same for every address; the link to finish comes by e-mail. */
import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { DetailResponse, RegisterInput } from '../types';

export function register(body: RegisterInput): Promise<DetailResponse> {
  return unwrap(apiClient.POST('/api/v1/auth/register', { body }));
}

export function useRegister() {
  // Nobody is signed in by registering: the session starts when the e-mailed link is opened.
  return useMutation({ mutationFn: register });
}
