/** Small helpers shared by the accounts forms. */
import { isApiError } from '@/lib/api-error';

export const DEFAULT_AFTER_LOGIN_PATH = '/profile';

/** Validation messages the API returned for one field of a failed mutation. */
export function fieldErrorsOf(error: unknown, field: string): string[] {
  return isApiError(error) ? error.fieldErrors(field) : [];
}

/** Only same-site paths are followed after log in, so a crafted link cannot send users elsewhere. */
export function safeNextPath(next: string | null): string {
  if (next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return next;
  return DEFAULT_AFTER_LOGIN_PATH;
}
