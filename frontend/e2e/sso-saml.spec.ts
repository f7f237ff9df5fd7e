// SAML 2.0 single sign-on in a real browser: a person of an organisation opens its sign-in door
// (/sso/<slug>/login/), signs in at the organisation's identity provider (the pytest suite's
// test IdP, tests/sso/saml/idp_server.py, as a process of its own) and lands in ICIM Academy,
// signed in to an account made for them. An answer signed with another key is refused with a
// page that says so. The IdP runs on 127.0.0.1 like the platform: over plain HTTP the browser
// would not send the sign-in's SameSite=Lax cookie with another site's POST (over HTTPS the
// cookie is SameSite=None; Secure).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

import { screenshot } from './support/page-checks';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
const PLATFORM_PORT = Number(process.env.E2E_PORT ?? '8123');
// Far from the other runs' platform ports (E2E_PORT, E2E_PORT + 1 for the LTI platform).
const IDP_PORT = PLATFORM_PORT + 1000;
const PLATFORM = `http://127.0.0.1:${PLATFORM_PORT}`;

let idp: ChildProcess | undefined;

/** The database scripts/e2e-server.sh serves (a fresh `<name>_e2e`, or the SQLite file). */
function e2eDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) return `sqlite:///${REPOSITORY}var/e2e.sqlite3`;
  const cut = url.lastIndexOf('/');
  return `${url.slice(0, cut)}/${url.slice(cut + 1)}_e2e`;
}

test.beforeAll(async () => {
  idp = spawn(
    `${REPOSITORY}.venv/bin/python`,
    [
      '-m',
      'tests.sso.saml.idp_server',
      `--port=${String(IDP_PORT)}`,
      `--sp=${PLATFORM}`,
      '--slug=rhine-saml',
      '--organisation=rhine-valley-tu',
      `--directory=${REPOSITORY}var/e2e-saml-idp`,
    ],
    {
      cwd: REPOSITORY,
      env: { ...process.env, DJANGO_DEBUG: 'true', DATABASE_URL: e2eDatabaseUrl() },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    idp?.stdout?.once('data', () => {
      resolve();
    });
    idp?.once('exit', (code) => {
      reject(new Error(`test IdP exited (${String(code)})`));
    });
  });
});

test.afterAll(() => {
  idp?.kill();
});

test('a person signs in with their organisation through SAML and lands signed in', async ({
  page,
}) => {
  await page.goto('/sso/rhine-saml/login/?next=/learning');

  await expect(page.getByRole('heading', { name: 'Test IdP sign-in' })).toBeVisible();
  expect(new URL(page.url()).port).toBe(String(IDP_PORT));
  await page.getByLabel('Password').fill('any password');
  await screenshot(page, 'sso-saml-idp-form');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  await page.waitForURL(`${PLATFORM}/learning`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const me = await page.request.get('/api/v1/auth/me');
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { email: string }).email).toBe('anna.schmidt@rhine-valley.example');
  await screenshot(page, 'sso-saml-signed-in');
});

test('an answer signed with another key is refused with a page that says so', async ({ page }) => {
  await page.goto('/sso/rhine-saml/login/');

  await page.getByRole('button', { name: 'Sign in with a forged signature' }).click();

  await expect(
    page.getByRole('heading', { name: 'Sign-in with your organisation did not work' }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(
    "The answer was not signed by your organisation's sign-in.",
  );
  expect(page.url()).toBe(`${PLATFORM}/sso/rhine-saml/saml/acs/`);
  await screenshot(page, 'sso-saml-refused');
});
