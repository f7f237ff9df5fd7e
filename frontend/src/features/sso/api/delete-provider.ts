/** DELETE /api/v1/organizations/<org>/sso/providers/<id> — remove a provider and its account links. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import { providersQueryOptions } from './list-providers';

export async function deleteProvider(organization: string, id: number): Promise<void> {
  await unwrap(
    apiClient.DELETE('/api/v1/organizations/{organization_slug}/sso/providers/{provider_id}', {
      params: { path: { organization_slug: organization, provider_id: id } },
    }),
  );
}

export function useDeleteProvider(organization: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteProvider(organization, id),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: providersQueryOptions(organization).queryKey }),
  });
}
