/** GET /api/v1/discussions/moderation/{slug}/queue — an organisation's reported and held posts. */
import { useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { QueuePage } from '../types';
import { DISCUSSIONS_QUERY_KEY } from './threads';

export function getQueue(organizationSlug: string, page: number): Promise<QueuePage> {
  return unwrap(
    apiClient.GET('/api/v1/discussions/moderation/{slug}/queue', {
      params: { path: { slug: organizationSlug }, query: { page } },
    }),
  );
}

export function useModerationQueue(organizationSlug: string, page: number) {
  return useQuery({
    queryKey: [...DISCUSSIONS_QUERY_KEY, 'queue', organizationSlug, page] as const,
    queryFn: () => getQueue(organizationSlug, page),
    enabled: Boolean(organizationSlug),
  });
}
