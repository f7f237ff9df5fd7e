/** GET /api/v1/organizations/<slug>/seats/pools — an employer's seat pools with used and free seats. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { SeatPoolPage } from '../types';

export const SEAT_POOLS_QUERY_KEY = ['seats', 'pools'] as const;

export function listSeatPools(organization: string): Promise<SeatPoolPage> {
  return unwrap(
    apiClient.GET('/api/v1/organizations/{organization_slug}/seats/pools', {
      params: { path: { organization_slug: organization }, query: { page_size: 100 } },
    }),
  );
}

export function seatPoolsQueryOptions(organization: string) {
  return queryOptions({
    queryKey: [...SEAT_POOLS_QUERY_KEY, organization] as const,
    queryFn: () => listSeatPools(organization),
  });
}

export function useSeatPools(organization: string) {
  return useQuery(seatPoolsQueryOptions(organization));
}
