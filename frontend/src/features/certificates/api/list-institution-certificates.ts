/** GET /api/v1/institution/certificates/ — certificates my institutions issued, filtered and paged. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { requestJson } from '@/lib/http';

import type { InstitutionCertificateFilters, IssuedCertificate, Page } from '../types';

export const INSTITUTION_CERTIFICATES_PAGE_SIZE = 25;

export function toQueryString(filters: InstitutionCertificateFilters): string {
  const query = new URLSearchParams();
  if (filters.course) query.set('course', filters.course);
  if (filters.status) query.set('status', filters.status);
  if (filters.issuedAfter) query.set('issued_after', filters.issuedAfter);
  if (filters.issuedBefore) query.set('issued_before', filters.issuedBefore);
  if (filters.search) query.set('search', filters.search);
  if (filters.page > 1) query.set('page', String(filters.page));
  query.set('page_size', String(INSTITUTION_CERTIFICATES_PAGE_SIZE));
  return query.toString();
}

export function listInstitutionCertificates(
  filters: InstitutionCertificateFilters,
): Promise<Page<IssuedCertificate>> {
  return requestJson('GET', `/api/v1/institution/certificates/?${toQueryString(filters)}`);
}

export function institutionCertificatesQueryOptions(filters: InstitutionCertificateFilters) {
  return queryOptions({
    queryKey: ['certificates', 'institution', filters] as const,
    queryFn: () => listInstitutionCertificates(filters),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useInstitutionCertificates(filters: InstitutionCertificateFilters) {
  return useQuery(institutionCertificatesQueryOptions(filters));
}
