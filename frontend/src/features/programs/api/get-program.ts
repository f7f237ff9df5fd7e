/** GET /api/v1/programs/<slug> — a program, its courses, and my progress and credential. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { ProgramDetail } from '../types';

export const programQueryKey = (slug: string) => ['programs', 'detail', slug] as const;

export async function getProgram(slug: string): Promise<ProgramDetail> {
  return unwrap(apiClient.GET('/api/v1/programs/{slug}', { params: { path: { slug } } }));
}

export function programQueryOptions(slug: string, language: string) {
  return queryOptions({
    queryKey: [...programQueryKey(slug), language],
    queryFn: () => getProgram(slug),
  });
}

export function useProgram(slug: string, language: string) {
  return useQuery(programQueryOptions(slug, language));
}
