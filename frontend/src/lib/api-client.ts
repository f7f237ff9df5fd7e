/** The typed API client: same-origin session cookies, CSRF header, and the UI language on every call. */
import createClient, { type Middleware } from 'openapi-fetch';

import type { paths } from '@/api/schema';

import { ApiError, NETWORK_ERROR_CODE, toApiError } from './api-error';
import { CSRF_HEADER_NAME, ensureCsrfCookie, isUnsafeMethod, readCsrfCookie } from './csrf';
import { currentLanguage } from './i18n';
import { toBackendLanguage } from './languages';

/**
 * The headers every request of ours carries: the UI language (the backend answers, errors included,
 * in the language the reader chose), JSON as the answer, and on unsafe methods the CSRF token
 * (asking for the cookie first if there is none). The client's middleware sets them; the uploads that
 * cannot go through the client (`uploadFile` in `./http`) set the same ones.
 */
export async function sessionHeaders(method: string): Promise<Record<string, string>> {
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

const sessionMiddleware: Middleware = {
  async onRequest({ request }) {
    for (const [name, value] of Object.entries(await sessionHeaders(request.method))) {
      // A call that asks for something else than JSON (a PDF) says so itself.
      if (name === 'Accept' && request.headers.has(name)) continue;
      request.headers.set(name, value);
    }
    return request;
  },
};

export const apiClient = createClient<paths>({
  // An absolute base keeps `new Request()` happy outside browsers (tests) and is same-origin here.
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  credentials: 'same-origin',
  // Resolve `fetch` at call time so tests can stub it at the network boundary.
  fetch: (request: Request) => globalThis.fetch(request),
});
apiClient.use(sessionMiddleware);

interface ClientResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Await an `apiClient` call and return its data, or throw an `ApiError` for any failure. */
export async function unwrap<T>(call: Promise<ClientResult<T>>): Promise<T> {
  let result: ClientResult<T>;
  try {
    result = await call;
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, detail: '' });
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}
