/** GET /api/v1/events — upcoming published events, filtered. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { EventFilters, EventItem, Page } from '../types';

export async function listEvents(filters: EventFilters): Promise<Page<EventItem>> {
  const query: Record<string, string | boolean> = {};
  if (filters.kind) query.kind = filters.kind;
  if (filters.language) query.language = filters.language;
  if (filters.organization) query.organization = filters.organization;
  if (filters.online) query.online = filters.online === 'true';
  return await unwrap(apiClient.GET('/api/v1/events', { params: { query } }));
}

export function eventsQueryOptions(filters: EventFilters, language: string) {
  return queryOptions({
    queryKey: ['events', 'list', filters, language],
    queryFn: () => listEvents(filters),
    placeholderData: keepPreviousData,
  });
}

export function useEvents(filters: EventFilters, language: string) {
  return useQuery(eventsQueryOptions(filters, language));
}
