/** GET /api/v1/events/<slug> — one event as I may see it. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { EventDetail } from '../types';

export const eventQueryKey = (slug: string) => ['events', 'detail', slug] as const;

export async function getEvent(slug: string): Promise<EventDetail> {
  return unwrap(apiClient.GET('/api/v1/events/{slug}', { params: { path: { slug } } }));
}

export function eventQueryOptions(slug: string, language: string) {
  return queryOptions({
    queryKey: [...eventQueryKey(slug), language],
    queryFn: () => getEvent(slug),
  });
}

export function useEvent(slug: string, language: string) {
  return useQuery(eventQueryOptions(slug, language));
}
