/** The one error type API calls throw, shaped like the backend's `{detail, code, fields}`. */
import type { components } from '@/api/schema';

export type ApiErrorBody = components['schemas']['Error'];
export type FieldErrors = Record<string, string[]>;

/** `code` for failures that never produced an API error body (offline, proxy error page...). */
export const NETWORK_ERROR_CODE = 'network_error';
export const UNEXPECTED_RESPONSE_CODE = 'unexpected_response';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The server's message in the request language; empty when there was no usable response. */
  readonly detail: string;
  readonly fields: FieldErrors;

  constructor({
    status,
    code,
    detail,
    fields = {},
  }: {
    status: number;
    code: string;
    detail: string;
    fields?: FieldErrors;
  }) {
    super(detail || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fields = fields;
  }

  /** Messages for one field, e.g. `fieldErrors('email')`. */
  fieldErrors(field: string): string[] {
    return this.fields[field] ?? [];
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { detail?: unknown }).detail === 'string' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

/** Build an ApiError from whatever an unsuccessful response carried. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    return new ApiError({
      status,
      code: body.code,
      detail: body.detail,
      fields: body.fields ?? {},
    });
  }
  // A `{detail}` without a code (a view's own 409, a 413) still says what went wrong: keep its words.
  const detail = (body as { detail?: unknown } | null | undefined)?.detail;
  return new ApiError({
    status,
    code: UNEXPECTED_RESPONSE_CODE,
    detail: typeof detail === 'string' ? detail : '',
  });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const NOT_AUTHENTICATED_STATUS = 401;
const NOT_AUTHENTICATED_CODE = 'not_authenticated';

/** Whether a request failed only because nobody is signed in (an anonymous visitor). */
export function isNotSignedIn(error: unknown): boolean {
  return (
    isApiError(error) &&
    (error.status === NOT_AUTHENTICATED_STATUS || error.code === NOT_AUTHENTICATED_CODE)
  );
}
