/**
 * Requests the typed client cannot make: uploads with a progress bar (XMLHttpRequest reports upload
 * progress, fetch does not), file downloads, and endpoints agreed with the backend whose schema has
 * not landed in openapi.yaml yet (see `requestJson`).
 */
import { ApiError, NETWORK_ERROR_CODE, toApiError } from './api-error';
import { CSRF_HEADER_NAME, ensureCsrfCookie, isUnsafeMethod, readCsrfCookie } from './csrf';
import { currentLanguage } from './i18n';
import { toBackendLanguage } from './languages';

async function headersFor(method: string): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': toBackendLanguage(currentLanguage()),
  };
  if (isUnsafeMethod(method)) {
    await ensureCsrfCookie();
    const token = readCsrfCookie();
    if (token) headers[CSRF_HEADER_NAME] = token;
  }
  return headers;
}

async function parseBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A JSON request to a path of ours, throwing `ApiError` like `unwrap`. Only for endpoints that are
 * agreed but not yet in the generated schema; the caller states the response type it expects.
 */
export async function requestJson<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers = await headersFor(method);
  let init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body instanceof FormData) init = { ...init, body };
  else if (body !== undefined)
    init = {
      ...init,
      body: JSON.stringify(body),
      headers: { ...headers, 'Content-Type': 'application/json' },
    };
  let response: Response;
  try {
    response = await globalThis.fetch(new Request(new URL(path, window.location.origin), init));
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, detail: '' });
  }
  const data = await parseBody(response);
  if (!response.ok) throw toApiError(response.status, data);
  return data as T;
}

/** The raw body of a failed upload, for callers that show more than `detail` (package problems). */
export class UploadError extends ApiError {
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    const base = toApiError(status, body);
    super({ status, code: base.code, detail: base.detail, fields: base.fields });
    this.body = body;
  }
}

/**
 * Send a file as multipart `file` (or `fileField`) with `fields`, by POST (or `method`), reporting
 * the share uploaded (0 to 1) as it goes.
 */
export async function uploadFile<T>(
  path: string,
  file: File,
  onProgress: (share: number) => void,
  fields: Record<string, string> = {},
  { method = 'POST', fileField = 'file' }: { method?: 'POST' | 'PATCH' | 'PUT'; fileField?: string } = {},
): Promise<T> {
  const headers = await headersFor(method);
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, path);
    request.withCredentials = true;
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      let body: unknown;
      try {
        body = request.responseText ? (JSON.parse(request.responseText) as unknown) : undefined;
      } catch {
        body = undefined;
      }
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(body as T);
      } else reject(new UploadError(request.status, body));
    });
    request.addEventListener('error', () => {
      reject(new ApiError({ status: 0, code: NETWORK_ERROR_CODE, detail: '' }));
    });
    const form = new FormData();
    form.append(fileField, file);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    request.send(form);
  });
}

/** Offer bytes made in the browser (a CSV of a table) as a download. */
export function saveFile(content: BlobPart, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}
