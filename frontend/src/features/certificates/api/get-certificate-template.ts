/** GET /api/v1/institution/<org>/certificate-template — logo, colour and signatory. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { CertificateTemplate } from '../types';

export function templatePath(organization: string): string {
  return `/api/v1/institution/${encodeURIComponent(organization)}/certificate-template`;
}

export function getCertificateTemplate(organization: string): Promise<CertificateTemplate> {
  return unwrap(
    apiClient.GET('/api/v1/institution/{organization_slug}/certificate-template', {
      params: { path: { organization_slug: organization } },
    }),
  );
}

export function certificateTemplateQueryOptions(organization: string) {
  return queryOptions({
    queryKey: ['certificates', 'template', organization] as const,
    queryFn: () => getCertificateTemplate(organization),
  });
}

export function useCertificateTemplate(organization: string) {
  return useQuery(certificateTemplateQueryOptions(organization));
}
