/** A fetch stub at the network boundary: routes by method and path, records every request. */
import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Responder = (request: RecordedRequest) => Response | Promise<Response>;

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function emptyResponse(status = 204): Response {
  return new Response(null, { status });
}

/** A JSON body parsed, a multipart form as an object of its fields (files as `File`). */
async function readBody(request: Request): Promise<unknown> {
  if (request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
    return Object.fromEntries(await request.formData());
  }
  const text = await request.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * Install a fetch stub. `routes` maps "METHOD /path" to a responder; an unmatched request fails the
 * test loudly instead of hanging.
 */
export function mockFetch(routes: Record<string, Responder>) {
  const requests: RecordedRequest[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const recorded: RecordedRequest = {
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body: await readBody(request),
    };
    requests.push(recorded);
    const responder = routes[`${recorded.method} ${url.pathname}`];
    if (!responder) throw new Error(`Unexpected request: ${recorded.method} ${recorded.path}`);
    return responder(recorded);
  });
  vi.stubGlobal('fetch', fetchStub);
  return {
    requests,
    /** Requests sent to one "METHOD /path". */
    requestsTo(route: string): RecordedRequest[] {
      return requests.filter((request) => `${request.method} ${request.path}` === route);
    },
  };
}

export const NOT_AUTHENTICATED = () =>
  jsonResponse(
    { detail: 'Authentication credentials were not provided.', code: 'not_authenticated' },
    401,
  );

/** `GET /api/v1/auth/session` of an anonymous visitor. */
export const SIGNED_OUT = () => jsonResponse({ user: null });

/** `GET /api/v1/auth/session` of a signed-in user. */
export function signedInAs(user: unknown): () => Response {
  return () => jsonResponse({ user });
}
