/** GET /api/v1/programs — published programs (learning paths), in my language. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Page, ProgramSummary } from '../types';

export async function listPrograms(): Promise<Page<ProgramSummary>> {
  return await unwrap(apiClient.GET('/api/v1/programs', {}));
}

export function programsQueryOptions(language: string) {
  return queryOptions({
    queryKey: ['programs', 'list', language],
    queryFn: () => listPrograms(),
  });
}

export function usePrograms(language: string) {
  return useQuery(programsQueryOptions(language));
}
