/**
 * Requests to the package endpoints, which the generated schema does not know yet (so the typed
 * client cannot name them): plain fetch with the same headers and errors as the client.
 *
 * TODO(merge): once schema.d.ts has the package endpoints, the callers go through `apiClient` and
 * this file goes.
 */
import { sessionHeaders } from './api-client';
import { ApiError, NETWORK_ERROR_CODE, toApiError } from './api-error';

/** A JSON request to the platform's API; the parsed answer, or an ApiError. */
export async function requestJson<T>(method: 'GET' | 'POST', path: string): Promise<T> {
  let response: Response;
  try {
    response = await globalThis.fetch(new URL(path, window.location.origin), {
      method,
      credentials: 'same-origin',
      headers: await sessionHeaders(method),
    });
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, detail: '' });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = toApiError(response.status, body);
    // A body with a `detail` but no `code` still says what went wrong: keep its words.
    const detail = (body as { detail?: unknown } | undefined)?.detail;
    if (!error.detail && typeof detail === 'string')
      throw new ApiError({ status: response.status, code: error.code, detail });
    throw error;
  }
  return body as T;
}
