/** GET /api/v1/analytics/institutions/<org slug>/ — an institution's courses together. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import type { Language } from '@/lib/languages';

import type { InstitutionAnalytics } from '../types';

export function getInstitutionAnalytics(organization: string): Promise<InstitutionAnalytics> {
  return unwrap(
    apiClient.GET('/api/v1/analytics/institutions/{organization_slug}/', {
      params: { path: { organization_slug: organization } },
    }),
  );
}

export function institutionAnalyticsQueryOptions(organization: string, language: Language) {
  return queryOptions({
    // Course titles come in the UI language.
    queryKey: ['analytics', 'institution', organization, language] as const,
    queryFn: () => getInstitutionAnalytics(organization),
    staleTime: 60_000,
  });
}

export function useInstitutionAnalytics(organization: string, language: Language) {
  return useQuery(institutionAnalyticsQueryOptions(organization, language));
}

/** The same numbers as a CSV file the server writes (every table of the dashboard in one file). */
export function institutionAnalyticsCsvUrl(organization: string): string {
  return `/api/v1/analytics/institutions/${encodeURIComponent(organization)}.csv`;
}
