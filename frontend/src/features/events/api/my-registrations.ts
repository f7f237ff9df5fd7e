/** GET /api/v1/events/mine — my registrations, attendances and attendance credentials. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { MyRegistration, Page } from '../types';

export function myRegistrationsQueryOptions() {
  return queryOptions({
    queryKey: ['events', 'mine'],
    queryFn: async () =>
      (await unwrap(apiClient.GET('/api/v1/events/mine'))) as unknown as Page<MyRegistration>,
  });
}

export function useMyRegistrations() {
  return useQuery(myRegistrationsQueryOptions());
}
