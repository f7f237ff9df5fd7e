/** POST /api/v1/institution/<org>/certificate-template/preview — the backend renders a sample PDF. */
import { useMutation } from '@tanstack/react-query';

import { ApiError, NETWORK_ERROR_CODE, toApiError } from '@/lib/api-error';
import { CSRF_HEADER_NAME, ensureCsrfCookie, readCsrfCookie } from '@/lib/csrf';

import { templatePath } from './get-certificate-template';
import { templateForm, type TemplateChange } from './update-certificate-template';

/** The PDF as a blob URL for an <iframe>; the caller revokes it when replaced. */
export async function previewCertificateTemplate({
  organization,
  change,
}: {
  organization: string;
  change: TemplateChange;
}): Promise<string> {
  await ensureCsrfCookie();
  let response: Response;
  try {
    response = await globalThis.fetch(`${templatePath(organization)}/preview`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/pdf', [CSRF_HEADER_NAME]: readCsrfCookie() ?? '' },
      body: templateForm(change),
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
    mutationFn: (change: TemplateChange) => previewCertificateTemplate({ organization, change }),
  });
}
