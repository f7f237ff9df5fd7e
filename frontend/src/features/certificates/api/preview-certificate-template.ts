/** POST /api/v1/institution/<org>/certificate-template/preview — the backend renders a sample PDF. */
import { useMutation } from '@tanstack/react-query';

import { ApiError, NETWORK_ERROR_CODE, toApiError } from '@/lib/api-error';
import { CSRF_HEADER_NAME, ensureCsrfCookie, readCsrfCookie } from '@/lib/csrf';

import type { PreviewSignatory } from '../types';
import { templatePath } from './get-certificate-template';
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
  await ensureCsrfCookie();
  let response: Response;
  try {
    response = await globalThis.fetch(`${templatePath(organization)}/preview`, {
      method: 'POST',
      credentials: 'same-origin',
      // The PDF, or a JSON error: the API negotiates JSON (asking only for PDF answers 406).
      headers: {
        Accept: 'application/pdf, application/json;q=0.9',
        [CSRF_HEADER_NAME]: readCsrfCookie() ?? '',
      },
      body: previewForm(change),
    });
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, detail: '' });
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw toApiError(response.status, body);
  }
  return URL.createObjectURL(await response.blob());
}

export function usePreviewCertificateTemplate(organization: string) {
  return useMutation({
    mutationFn: (change: PreviewChange) => previewCertificateTemplate({ organization, change }),
  });
}
