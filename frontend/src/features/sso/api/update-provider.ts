/** PATCH /api/v1/organizations/<org>/sso/providers/<id> — change a provider (an empty secret keeps it). */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { IdentityProvider, ProviderChange } from '../types';
import { providersQueryOptions } from './list-providers';

export function updateProvider(
  organization: string,
  id: number,
  change: ProviderChange,
): Promise<IdentityProvider> {
  return unwrap(
    apiClient.PATCH('/api/v1/organizations/{organization_slug}/sso/providers/{provider_id}', {
      params: { path: { organization_slug: organization, provider_id: id } },
      body: change,
    }),
  );
}

export function useUpdateProvider(organization: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: ProviderChange }) =>
      updateProvider(organization, id, change),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: providersQueryOptions(organization).queryKey }),
  });
}
