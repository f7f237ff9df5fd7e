// Talking to the real backend directly from a test: demo accounts sign in with a CSRF token.
import { request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';

// The same address as playwright.config.ts: E2E_PORT moves the backend, and these calls with it.
export const BASE_URL =
  process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? '8123'}`;
/** devdata/accounts.py */
export const DEMO_PASSWORD = 'icim-demo-2026';

async function csrfToken(api: APIRequestContext): Promise<string> {
  const { cookies } = await api.storageState();
  const token = cookies.find((cookie) => cookie.name === 'csrftoken')?.value;
  if (!token) throw new Error('no CSRF cookie');
  return token;
}

export interface SignedInApi {
  context: APIRequestContext;
  post: (path: string, data: unknown) => Promise<unknown>;
  get: (path: string) => Promise<unknown>;
  getBytes: (path: string) => Promise<Buffer>;
}

/** An API session signed in as a demo account (the same session cookies a browser would hold). */
export async function signIn(email: string, password = DEMO_PASSWORD): Promise<SignedInApi> {
  const context = await playwrightRequest.newContext({ baseURL: BASE_URL });
  await context.get('/api/v1/auth/csrf');
  const login = await context.post('/api/v1/auth/login', {
    data: { email, password },
    headers: { 'X-CSRFToken': await csrfToken(context) },
  });
  if (!login.ok())
    throw new Error(`login ${email}: ${String(login.status())} ${await login.text()}`);
  return {
    context,
    async post(path, data) {
      const response = await context.post(path, {
        data,
        headers: { 'X-CSRFToken': await csrfToken(context) },
      });
      if (!response.ok())
        throw new Error(`POST ${path}: ${String(response.status())} ${await response.text()}`);
      return (await response.json()) as unknown;
    },
    async get(path) {
      const response = await context.get(path);
      if (!response.ok()) throw new Error(`GET ${path}: ${String(response.status())}`);
      return (await response.json()) as unknown;
    },
    async getBytes(path) {
      const response = await context.get(path);
      if (!response.ok()) throw new Error(`GET ${path}: ${String(response.status())}`);
      return response.body();
    },
  };
}

interface CertificateRow {
  id: string;
  course: string;
  state: string;
  pdf_url: string | null;
}

/** An issued demo certificate of a demo learner (seed_demo issues them). */
export async function demoCertificate(
  email: string,
  courseSlug: string,
): Promise<{ id: string; pdf: Buffer }> {
  const api = await signIn(email);
  const page = (await api.get('/api/v1/certificates/')) as { results: CertificateRow[] };
  const certificate = page.results.find(
    (row) => row.course === courseSlug && row.state === 'issued' && row.pdf_url,
  );
  if (!certificate?.pdf_url) throw new Error(`no issued certificate of ${email} for ${courseSlug}`);
  const pdf = await api.getBytes(certificate.pdf_url);
  await api.context.dispose();
  return { id: certificate.id, pdf };
}

/** Sign a browser page in as a demo account through the API (its context then holds the session). */
export async function signInPage(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.request.get(`${BASE_URL}/api/v1/auth/csrf`);
  const { cookies } = await page.context().storageState();
  const token = cookies.find((cookie) => cookie.name === 'csrftoken')?.value ?? '';
  const login = await page.request.post(`${BASE_URL}/api/v1/auth/login`, {
    data: { email, password },
    headers: { 'X-CSRFToken': token },
  });
  if (!login.ok()) throw new Error(`login ${email}: ${String(login.status())}`);
}

/**
 * How many published courses the catalog API counts for a query: the demo catalog grows with
 * the demo data, so journeys compare the page with the API instead of a number written here.
 */
export async function catalogCount(query = ''): Promise<number> {
  const context = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const response = await context.get(`/api/v1/courses/?page_size=1${query ? `&${query}` : ''}`);
  if (!response.ok()) throw new Error(`catalog ${query}: ${String(response.status())}`);
  const { count } = (await response.json()) as { count: number };
  await context.dispose();
  return count;
}
