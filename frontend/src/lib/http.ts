/**
 * What the typed client (`./api-client`) cannot do: uploads with a progress bar (XMLHttpRequest
 * reports upload progress, fetch does not), sending the same headers as the client, and saving a
 * file made in the browser. Every other request goes through the client.
 */
import { sessionHeaders } from './api-client';
import { ApiError, NETWORK_ERROR_CODE, toApiError } from './api-error';

/** The raw body of a failed upload, for callers that show more than `detail` (package problems). */
export class UploadError extends ApiError {
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    const base = toApiError(status, body);
    super({ status, code: base.code, detail: base.detail, fields: base.fields });
    this.body = body;
  }
}

/** A request opened with the session's cookies and `headers`, ready to send. */
function openRequest(method: string, path: string, headers: Record<string, string>) {
  const request = new XMLHttpRequest();
  request.open(method, path);
  request.withCredentials = true;
  for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
  return request;
}

/** The parsed JSON body of an answer; undefined when it is empty or not JSON. */
function responseBody(request: XMLHttpRequest): unknown {
  try {
    return request.responseText ? (JSON.parse(request.responseText) as unknown) : undefined;
  } catch {
    return undefined;
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
  {
    method = 'POST',
    fileField = 'file',
  }: { method?: 'POST' | 'PATCH' | 'PUT'; fileField?: string } = {},
): Promise<T> {
  const headers = await sessionHeaders(method);
  return new Promise<T>((resolve, reject) => {
    const request = openRequest(method, path, headers);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      const body = responseBody(request);
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

/**
 * Send raw bytes (a chunk of a resumable upload) by PATCH with `headers`, reporting the bytes sent
 * so far as they go; resolves with the status and parsed body of any answer (the caller decides
 * what a 409 means), and throws a network `ApiError` when no answer came. `signal` aborts it.
 */
export async function sendBytes(
  path: string,
  bytes: Blob,
  {
    headers = {},
    onProgress,
    signal,
  }: {
    headers?: Record<string, string>;
    onProgress?: (sentBytes: number) => void;
    signal?: AbortSignal;
  } = {},
): Promise<{ status: number; body: unknown }> {
  const baseHeaders = await sessionHeaders('PATCH');
  return new Promise((resolve, reject) => {
    const request = openRequest('PATCH', path, { ...baseHeaders, ...headers });
    request.upload.addEventListener('progress', (event) => {
      onProgress?.(event.loaded);
    });
    request.addEventListener('load', () => {
      resolve({ status: request.status, body: responseBody(request) });
    });
    const fail = () => {
      reject(new ApiError({ status: 0, code: NETWORK_ERROR_CODE, detail: '' }));
    };
    request.addEventListener('error', fail);
    request.addEventListener('abort', fail);
    signal?.addEventListener('abort', () => {
      request.abort();
    });
    request.send(bytes);
  });
}
