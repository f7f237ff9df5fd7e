/** What the log-in page's single sign-on part needs besides the component. */

/** The codes the backend's redirect names (sso/oidc/views.py); anything else reads as "refused". */
export const SSO_ERROR_CODES = [
  'provider_unavailable',
  'provider_disabled',
  'invalid_state',
  'cancelled',
  'refused',
  'invalid_token',
  'unknown_key',
  'email_taken',
  'account_creation_off',
  'linked_elsewhere',
  'account_disabled',
] as const;

export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

export function knownCode(code: string): SsoErrorCode {
  return (SSO_ERROR_CODES as readonly string[]).includes(code) ? (code as SsoErrorCode) : 'refused';
}

/** The sign-in URL with the page to return to (a path of this site only; the backend checks again). */
export function loginUrlWithNext(loginUrl: string, next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//')
    ? `${loginUrl}?${new URLSearchParams({ next }).toString()}`
    : loginUrl;
}
