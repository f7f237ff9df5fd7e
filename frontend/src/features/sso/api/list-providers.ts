/** GET /api/v1/organizations/<org>/sso/providers — the organisation's identity providers (administrators). */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { IdentityProvider } from '../types';

export async function listProviders(organization: string): Promise<IdentityProvider[]> {
  const page = await unwrap(
    apiClient.GET('/api/v1/organizations/{organization_slug}/sso/providers', {
      params: { path: { organization_slug: organization } },
    }),
  );
  return page.results;
}

export function providersQueryOptions(organization: string) {
  return queryOptions({
    queryKey: ['sso', 'providers', organization] as const,
    queryFn: () => listProviders(organization),
  });
}

export function useProviders(organization: string) {
  return useQuery({ ...providersQueryOptions(organization), enabled: organization !== '' });
}
