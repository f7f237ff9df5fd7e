/** GET /api/v1/institution/certificates/ — certificates my institutions issued, filtered and paged. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { operations } from '@/api/schema';
import { apiClient, unwrap } from '@/lib/api-client';

import type { InstitutionCertificateFilters } from '../types';

export const INSTITUTION_CERTIFICATES_PAGE_SIZE = 25;

type RegisterQuery = NonNullable<
  operations['institution_certificates_list']['parameters']['query']
>;

/** Only what narrows or pages the list is sent. */
export function toRegisterQuery(filters: InstitutionCertificateFilters): RegisterQuery {
  const query: RegisterQuery = { page_size: INSTITUTION_CERTIFICATES_PAGE_SIZE };
  if (filters.course) query.course = filters.course;
  if (filters.status) query.status = filters.status;
  if (filters.issuedFrom) query.issued_from = filters.issuedFrom;
  if (filters.issuedUntil) query.issued_until = filters.issuedUntil;
  if (filters.search) query.search = filters.search;
  if (filters.page > 1) query.page = filters.page;
  return query;
}

export function listInstitutionCertificates(filters: InstitutionCertificateFilters) {
  return unwrap(
    apiClient.GET('/api/v1/institution/certificates/', {
      params: { query: toRegisterQuery(filters) },
    }),
  );
}

export function institutionCertificatesQueryOptions(filters: InstitutionCertificateFilters) {
  return queryOptions({
    queryKey: ['certificates', 'institution', filters] as const,
    queryFn: () => listInstitutionCertificates(filters),
    placeholderData: keepPreviousData,
  });
}

export function useInstitutionCertificates(filters: InstitutionCertificateFilters) {
  return useQuery(institutionCertificatesQueryOptions(filters));
}
