/** PATCH /api/v1/institution/<org>/certificate-template — multipart: colours, logo, signatories with images. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { requestJson } from '@/lib/http';

import type { CertificateTemplate } from '../types';
import { certificateTemplateQueryOptions, templatePath } from './get-certificate-template';

export interface TemplateChange {
  primaryColor: string;
  accentColor: string;
  logo: File | null;
  signatories: { name: string; title: string; signature: File | null }[];
}

/** The multipart form both PATCH and the preview take: images as files, the rest as fields. */
export function templateForm(change: TemplateChange): FormData {
  const form = new FormData();
  form.append('primary_color', change.primaryColor);
  form.append('accent_color', change.accentColor);
  if (change.logo) form.append('logo', change.logo);
  form.append(
    'signatories',
    JSON.stringify(change.signatories.map(({ name, title }) => ({ name, title }))),
  );
  change.signatories.forEach((signatory, index) => {
    if (signatory.signature) form.append(`signature_${String(index)}`, signatory.signature);
  });
  return form;
}

export function updateCertificateTemplate({
  organization,
  change,
}: {
  organization: string;
  change: TemplateChange;
}): Promise<CertificateTemplate> {
  return requestJson('PATCH', templatePath(organization), templateForm(change));
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
