/** Small helpers shared by the accounts forms. */
import { isApiError } from '@/lib/api-error';
import { safeNextPath } from '@/lib/session';

export const DEFAULT_AFTER_LOGIN_PATH = '/profile';

/** Validation messages the API returned for one field of a failed mutation. */
export function fieldErrorsOf(error: unknown, field: string): string[] {
  return isApiError(error) ? error.fieldErrors(field) : [];
}

/** Where to go after signing in: back where the reader was (`?next=`, our own paths only), else the
 * profile. A crafted link cannot send users elsewhere. */
export function afterSignInPath(next: string | null): string {
  return safeNextPath(next, DEFAULT_AFTER_LOGIN_PATH);
}
