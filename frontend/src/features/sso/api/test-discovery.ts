/** POST /api/v1/organizations/<org>/sso/providers/test-discovery — fetch an issuer's discovery document now. */
import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { DiscoveryTest } from '../types';

export function testDiscovery(organization: string, issuer: string): Promise<DiscoveryTest> {
  return unwrap(
    apiClient.POST('/api/v1/organizations/{organization_slug}/sso/providers/test-discovery', {
      params: { path: { organization_slug: organization } },
      body: { oidc_issuer: issuer },
    }),
  );
}

export function useTestDiscovery(organization: string) {
  return useMutation({ mutationFn: (issuer: string) => testDiscovery(organization, issuer) });
}
