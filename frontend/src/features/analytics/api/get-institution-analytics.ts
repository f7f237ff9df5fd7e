/** GET /api/v1/analytics/institutions/<org slug>/ — the institution's courses together (pending in the API). */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { requestJson } from '@/lib/http';
import type { Language } from '@/lib/languages';

import type { InstitutionAnalytics } from '../types';

export function getInstitutionAnalytics(organization: string): Promise<InstitutionAnalytics> {
  return requestJson<InstitutionAnalytics>(
    'GET',
    `/api/v1/analytics/institutions/${encodeURIComponent(organization)}/`,
  );
}

export function institutionAnalyticsQueryOptions(organization: string, language: Language) {
  return queryOptions({
    queryKey: ['analytics', 'institution', organization, language] as const,
    queryFn: () => getInstitutionAnalytics(organization),
    staleTime: 60_000,
    retry: false,
  });
}

export function useInstitutionAnalytics(organization: string, language: Language) {
  return useQuery(institutionAnalyticsQueryOptions(organization, language));
}
