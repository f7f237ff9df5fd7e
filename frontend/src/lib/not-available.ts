/** Telling a missing endpoint (a backend feature not shipped yet) from a real failure. */
import { isApiError } from './api-error';

const MISSING_ENDPOINT_STATUSES = new Set([404, 405, 501]);

/**
 * Whether a failure means the endpoint does not exist (yet) on this server. Only for endpoints
 * addressed by what the user holds (their own organisation), where a 404 cannot mean "not yours".
 */
export function isNotAvailable(error: unknown): boolean {
  return isApiError(error) && MISSING_ENDPOINT_STATUSES.has(error.status);
}
