/** POST /api/v1/institution/<org>/certificate-template/signatories — JSON, or multipart with the signature image. */
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
