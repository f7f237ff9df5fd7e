/** GET /api/v1/institution/<org>/certificate-template — logo, colours and signatories (pending in the API). */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { requestJson } from '@/lib/http';

import type { CertificateTemplate } from '../types';

export function templatePath(organization: string): string {
  return `/api/v1/institution/${encodeURIComponent(organization)}/certificate-template`;
}

export function getCertificateTemplate(organization: string): Promise<CertificateTemplate> {
  return requestJson('GET', templatePath(organization));
}

export function certificateTemplateQueryOptions(organization: string) {
  return queryOptions({
    queryKey: ['certificates', 'template', organization] as const,
    queryFn: () => getCertificateTemplate(organization),
    retry: false,
  });
}

export function useCertificateTemplate(organization: string) {
  return useQuery(certificateTemplateQueryOptions(organization));
}
