/** GET /api/v1/me/seats — the seats employers hold for me, and my consent to each. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { MySeatPage } from '../types';

export const MY_SEATS_QUERY_KEY = ['seats', 'mine'] as const;

export function listMySeats(): Promise<MySeatPage> {
  return unwrap(apiClient.GET('/api/v1/me/seats', { params: { query: { page_size: 100 } } }));
}

export function mySeatsQueryOptions() {
  return queryOptions({ queryKey: MY_SEATS_QUERY_KEY, queryFn: listMySeats });
}

export function useMySeats() {
  return useQuery(mySeatsQueryOptions());
}
