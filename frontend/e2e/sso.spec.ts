// Single sign-on: an organisation's administrator configures its OpenID provider (the test provider
// of interop/, started here), and a member signs in through the provider's real login form.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { BASE_URL, signIn } from './support/api';

const STAMP = Date.now().toString(36);
const SLUG = `e2e-factory-${STAMP}`;
const PROVIDER_NAME = `Factory login ${STAMP}`;
const ACCOUNT = {
  sub: `e2e-${STAMP}`,
  email: `sso-${STAMP}@factory.example`,
  name: 'Ada Lovelace',
  icim_roles: ['reviewer'],
};

let provider: ChildProcess | undefined;
let issuer = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

async function waitForDiscovery(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      if ((await fetch(`${url}/.well-known/openid-configuration`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the test OpenID provider did not start');
}

test.beforeAll(async () => {
  const port = await freePort();
  issuer = `http://127.0.0.1:${String(port)}`;
  provider = spawn(
    'node',
    [
      path.resolve(import.meta.dirname, '../../interop/oidc-test-provider.mjs'),
      '--port',
      String(port),
      '--client-id',
      'icim-e2e',
      '--client-secret',
      'e2e-client-secret',
      '--redirect-uri',
      `${BASE_URL}/sso/${SLUG}/oidc/callback/`,
      '--accounts',
      JSON.stringify([ACCOUNT]),
    ],
    { stdio: 'ignore' },
  );
  await waitForDiscovery(issuer);
  const admin = await signIn('staff-admin@icim.example');
  await admin.post('/api/v1/organizations/rhine-valley-tu/sso/providers', {
    slug: SLUG,
    name: PROVIDER_NAME,
    protocol: 'oidc',
    oidc_issuer: issuer,
    oidc_client_id: 'icim-e2e',
    oidc_client_secret: 'e2e-client-secret',
    grantable_roles: ['reviewer'],
  });
  await admin.context.dispose();
});

test.afterAll(() => {
  provider?.kill();
});

test('a member signs in with their organisation through its login form', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('searchbox', { name: 'Your organisation' }).fill(PROVIDER_NAME);
  await page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` }).click();

  // The provider's own page (oidc-provider's development login form).
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(ACCOUNT.sub);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  await expect(page).toHaveURL(`${BASE_URL}/learning`);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await page.screenshot({ path: 'test-results/sso-signed-in.png', fullPage: true });

  const session = await page.request.get('/api/v1/auth/session');
  const body = (await session.json()) as {
    user: { email: string; memberships: { role: string; organization: { slug: string } }[] };
  };
  expect(body.user.email).toBe(ACCOUNT.email);
  expect(body.user.memberships).toEqual([
    expect.objectContaining({
      role: 'reviewer',
      organization: expect.objectContaining({ slug: 'rhine-valley-tu' }),
    }),
  ]);
});

test('a tampered answer lands on the log-in page with the reason', async ({ page }) => {
  await fetch(`${issuer}/__test__/tamper`, {
    method: 'POST',
    body: JSON.stringify({ mode: 'unknown-kid' }),
  });
  await page.goto(`/sso/${SLUG}/login/`);
  await page.locator('input[name="login"]').fill(ACCOUNT.sub);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  await expect(page).toHaveURL(`${BASE_URL}/login?sso_error=unknown_key`);
  await expect(page.getByRole('alert')).toHaveText(
    "Your organisation's answer was signed with a key it does not publish, so you were not signed in.",
  );
  await page.screenshot({ path: 'test-results/sso-refused.png', fullPage: true });
});
