/** POST /api/v1/institution/<org>/certificate-template/preview — the backend renders a sample PDF. */
import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { PreviewSignatory } from '../types';
import { templateForm, type TemplateChange } from './update-certificate-template';

/** Unsaved template changes, and the signatories as edited (a saved one's id brings its image). */
export interface PreviewChange extends TemplateChange {
  signatories: PreviewSignatory[];
}

function previewForm(change: PreviewChange): FormData {
  const form = templateForm(change);
  // A multipart form has no lists: the backend takes this one as a JSON string.
  form.append('signatories', JSON.stringify(change.signatories));
  return form;
}

/** The PDF as a blob URL for an <iframe>; the caller revokes it when replaced. */
export async function previewCertificateTemplate({
  organization,
  change,
}: {
  organization: string;
  change: PreviewChange;
}): Promise<string> {
  const pdf = await unwrap(
    apiClient.POST('/api/v1/institution/{organization_slug}/certificate-template/preview', {
      params: { path: { organization_slug: organization } },
      body: { colour: change.colour },
      bodySerializer: () => previewForm(change),
      // The PDF, or a JSON error: the API negotiates JSON (asking only for PDF answers 406).
      headers: { Accept: 'application/pdf, application/json;q=0.9' },
      parseAs: 'blob',
    }),
  );
  return URL.createObjectURL(pdf);
}

export function usePreviewCertificateTemplate(organization: string) {
  return useMutation({
    mutationFn: (change: PreviewChange) => previewCertificateTemplate({ organization, change }),
  });
}
