/** GET /api/v1/organizations/<slug>/seats/pools/<id>/learners — a pool's seat holders, a page at a
 * time; progress only for those who granted consent. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { SeatPoolLearnerPage } from '../types';

export const SEAT_POOL_LEARNERS_QUERY_KEY = ['seats', 'pool-learners'] as const;

export function listSeatPoolLearners(
  organization: string,
  poolId: number,
  page: number,
): Promise<SeatPoolLearnerPage> {
  return unwrap(
    apiClient.GET('/api/v1/organizations/{organization_slug}/seats/pools/{pool_id}/learners', {
      params: { path: { organization_slug: organization, pool_id: poolId }, query: { page } },
    }),
  );
}

export function seatPoolLearnersQueryOptions(organization: string, poolId: number, page: number) {
  return queryOptions({
    queryKey: [...SEAT_POOL_LEARNERS_QUERY_KEY, organization, poolId, page] as const,
    queryFn: () => listSeatPoolLearners(organization, poolId, page),
    placeholderData: keepPreviousData,
  });
}

export function useSeatPoolLearners(organization: string, poolId: number | null, page: number) {
  return useQuery({
    ...seatPoolLearnersQueryOptions(organization, poolId ?? 0, page),
    enabled: poolId !== null,
  });
}
