/** POST /api/v1/organizations/<org>/sso/providers — add an identity provider. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { IdentityProvider, ProviderInput } from '../types';
import { providersQueryOptions } from './list-providers';

export function createProvider(
  organization: string,
  input: ProviderInput,
): Promise<IdentityProvider> {
  return unwrap(
    apiClient.POST('/api/v1/organizations/{organization_slug}/sso/providers', {
      params: { path: { organization_slug: organization } },
      body: input,
    }),
  );
}

export function useCreateProvider(organization: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProviderInput) => createProvider(organization, input),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: providersQueryOptions(organization).queryKey }),
  });
}
