/** The API client's session handling: CSRF cookie and header, language header, error shape. */
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';

import { apiClient, unwrap } from './api-client';
import { ApiError } from './api-error';
import { i18n } from './i18n';

function clearCsrfCookie() {
  document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
}

describe('apiClient', () => {
  it('fetches the CSRF cookie before the first unsafe request and sends it back', async () => {
    clearCsrfCookie();
    const network = mockFetch({
      'GET /api/v1/auth/csrf': () => {
        document.cookie = 'csrftoken=fresh-token; path=/';
        return jsonResponse({ csrf_token: 'fresh-token' });
      },
      'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    });

    await unwrap(apiClient.POST('/api/v1/auth/logout'));

    expect(network.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/v1/auth/csrf',
      'POST /api/v1/auth/logout',
    ]);
    expect(network.requests[1]?.headers.get('X-CSRFToken')).toBe('fresh-token');
  });

  it('re-reads the cookie before each unsafe request, since log in rotates it', async () => {
    const network = mockFetch({
      'POST /api/v1/auth/login': () => {
        document.cookie = 'csrftoken=rotated-token; path=/';
        return jsonResponse({});
      },
      'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    });

    await unwrap(
      apiClient.POST('/api/v1/auth/login', { body: { email: 'a@b.org', password: 'x' } }),
    );
    await unwrap(apiClient.POST('/api/v1/auth/logout'));

    expect(network.requests.map((request) => request.headers.get('X-CSRFToken'))).toEqual([
      'test-csrf-token',
      'rotated-token',
    ]);
  });

  it('sends no CSRF header on reads, and the backend code of the UI language', async () => {
    await i18n.changeLanguage('zh-Hans');
    const network = mockFetch({
      'GET /api/v1/auth/me': () => jsonResponse({ detail: 'Not signed in.', code: 'x' }, 401),
    });

    await expect(unwrap(apiClient.GET('/api/v1/auth/me'))).rejects.toBeInstanceOf(ApiError);

    expect(network.requests[0]?.headers.get('X-CSRFToken')).toBeNull();
    expect(network.requests[0]?.headers.get('Accept-Language')).toBe('zh-hans');
  });

  it('turns an error body into an ApiError with status, code, detail and fields', async () => {
    mockFetch({
      'POST /api/v1/auth/password-reset': () =>
        jsonResponse(
          {
            detail: 'Invalid input.',
            code: 'invalid',
            fields: { email: ['Enter a valid e-mail.'] },
          },
          400,
        ),
    });

    const error: unknown = await unwrap(
      apiClient.POST('/api/v1/auth/password-reset', { body: { email: 'nope' } }),
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid',
      detail: 'Invalid input.',
      fields: { email: ['Enter a valid e-mail.'] },
    });
  });

  it("keeps the words of a body with a detail but no code (a launch's 409)", async () => {
    mockFetch({
      'GET /api/v1/auth/me': () => jsonResponse({ detail: 'The package is not ready yet.' }, 409),
    });

    await expect(unwrap(apiClient.GET('/api/v1/auth/me'))).rejects.toMatchObject({
      status: 409,
      code: 'unexpected_response',
      detail: 'The package is not ready yet.',
      fields: {},
    });
  });

  it('gives an HTML error page (no JSON) the unexpected_response code', async () => {
    mockFetch({
      'GET /api/v1/auth/me': () => new Response('<h1>Server Error (500)</h1>', { status: 500 }),
    });

    await expect(unwrap(apiClient.GET('/api/v1/auth/me'))).rejects.toMatchObject({
      status: 500,
      code: 'unexpected_response',
      detail: '',
    });
  });
});
