/** PATCH /api/v1/institution/<org>/certificate-template — multipart: colour and logo (signatories have their own endpoints). */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { CertificateTemplate } from '../types';
import { certificateTemplateQueryOptions } from './get-certificate-template';

export interface TemplateChange {
  colour: string;
  /** A new image, or null to keep the saved one. */
  logo: File | null;
}

/** The multipart form PATCH and the preview both take (the schema types the logo file as a string,
 * so the calls build the form here rather than from their typed body). */
export function templateForm(change: TemplateChange): FormData {
  const form = new FormData();
  form.append('colour', change.colour);
  if (change.logo) form.append('logo', change.logo);
  return form;
}

export function updateCertificateTemplate({
  organization,
  change,
}: {
  organization: string;
  change: TemplateChange;
}): Promise<CertificateTemplate> {
  return unwrap(
    apiClient.PATCH('/api/v1/institution/{organization_slug}/certificate-template', {
      params: { path: { organization_slug: organization } },
      body: { colour: change.colour },
      bodySerializer: () => templateForm(change),
    }),
  );
}

export function useUpdateCertificateTemplate(organization: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: TemplateChange) => updateCertificateTemplate({ organization, change }),
    onSuccess: (template) => {
      queryClient.setQueryData(certificateTemplateQueryOptions(organization).queryKey, template);
    },
  });
}
