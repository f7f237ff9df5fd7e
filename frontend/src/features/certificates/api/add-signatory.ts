/** POST /api/v1/institution/<org>/certificate-template/signatories — multipart, with the signature image if any. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { uploadFile } from '@/lib/http';

import type { CertificateSignatory } from '../types';
import { certificateTemplateQueryOptions, templatePath } from './get-certificate-template';

export interface SignatoryChange {
  name: string;
  title: string;
  /** A new signature image to upload (PNG or JPEG), or null to keep the saved one. */
  signatureImage: File | null;
  /** Reports the share of the image uploaded (0 to 1). */
  onProgress?: (share: number) => void;
}

/** The multipart form of a signatory's text fields (the API takes no JSON here: one media type
 * per operation, so generated clients agree). */
export function signatoryForm(fields?: Record<string, string | boolean | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields ?? {})) {
    if (value !== undefined) form.append(name, String(value));
  }
  return form;
}

export function signatoriesPath(organization: string): string {
  return `${templatePath(organization)}/signatories`;
}

export function addSignatory({
  organization,
  change,
}: {
  organization: string;
  change: SignatoryChange;
}): Promise<CertificateSignatory> {
  const { name, title, signatureImage, onProgress } = change;
  if (signatureImage) {
    return uploadFile<CertificateSignatory>(
      signatoriesPath(organization),
      signatureImage,
      onProgress ?? (() => undefined),
      { name, title },
      { fileField: 'signature_image' },
    );
  }
  return unwrap(
    apiClient.POST('/api/v1/institution/{organization_slug}/certificate-template/signatories', {
      params: { path: { organization_slug: organization } },
      body: { name, title },
      bodySerializer: signatoryForm,
    }),
  );
}

export function useAddSignatory(organization: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: SignatoryChange) => addSignatory({ organization, change }),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: certificateTemplateQueryOptions(organization).queryKey,
      }),
  });
}
