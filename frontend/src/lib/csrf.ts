/** Django's CSRF protection: the `csrftoken` cookie, echoed as the `X-CSRFToken` header. */
export const CSRF_COOKIE_NAME = 'csrftoken';
export const CSRF_HEADER_NAME = 'X-CSRFToken';
export const CSRF_ENDPOINT = '/api/v1/auth/csrf';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isUnsafeMethod(method: string): boolean {
  return UNSAFE_METHODS.has(method.toUpperCase());
}

/** Read fresh on every call: Django rotates the token on login. */
export function readCsrfCookie(): string | undefined {
  for (const cookie of document.cookie.split(';')) {
    const [name, ...rest] = cookie.trim().split('=');
    if (name === CSRF_COOKIE_NAME) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

let pendingCsrfRequest: Promise<void> | undefined;

/**
 * Make sure the cookie exists, asking the backend for it if not (or always, with `force`, as the
 * app does once at startup). Concurrent callers share one request; a failure is forgotten so that
 * the next unsafe request tries again.
 */
export function ensureCsrfCookie({ force = false }: { force?: boolean } = {}): Promise<void> {
  if (!force && readCsrfCookie()) return Promise.resolve();
  // Plain fetch: the API client's middleware waits on this, so going through the client would loop.
  pendingCsrfRequest ??= fetch(new URL(CSRF_ENDPOINT, window.location.origin), {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  })
    .then(() => undefined)
    .finally(() => {
      pendingCsrfRequest = undefined;
    });
  return pendingCsrfRequest;
}
