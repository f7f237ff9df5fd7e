/** PATCH /api/v1/institution/<org>/certificate-template/signatories/<id> — multipart, with a new signature image if any. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { uploadFile } from '@/lib/http';

import type { CertificateSignatory } from '../types';
import { signatoriesPath, signatoryForm, type SignatoryChange } from './add-signatory';
import { certificateTemplateQueryOptions } from './get-certificate-template';

export interface SignatoryUpdate extends SignatoryChange {
  id: number;
  /** Remove the saved signature image. */
  clearSignatureImage?: boolean;
}

export function updateSignatory({
  organization,
  change,
}: {
  organization: string;
  change: SignatoryUpdate;
}): Promise<CertificateSignatory> {
  const { id, name, title, signatureImage, clearSignatureImage, onProgress } = change;
  if (signatureImage) {
    return uploadFile<CertificateSignatory>(
      `${signatoriesPath(organization)}/${String(id)}`,
      signatureImage,
      onProgress ?? (() => undefined),
      { name, title },
      { method: 'PATCH', fileField: 'signature_image' },
    );
  }
  return unwrap(
    apiClient.PATCH(
      '/api/v1/institution/{organization_slug}/certificate-template/signatories/{signatory_id}',
      {
        params: { path: { organization_slug: organization, signatory_id: id } },
        body: clearSignatureImage ? { clear_signature_image: true } : { name, title },
        bodySerializer: signatoryForm,
      },
    ),
  );
}

export function useUpdateSignatory(organization: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: SignatoryUpdate) => updateSignatory({ organization, change }),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: certificateTemplateQueryOptions(organization).queryKey,
      }),
  });
}
