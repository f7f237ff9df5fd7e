// An organisation's administrator registers a webhook endpoint pointing at a receiver this test
// runs on loopback, keeps the secret shown once, sends a test delivery that the receiver accepts
// after checking its Standard Webhooks signature, then makes the receiver fail, redelivers and
// sees the failure in the delivery log; the pages in English, German and Arabic (right to left).
// The e2e server allows http and loopback receivers (scripts/e2e-server.sh).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { expect, test } from '@playwright/test';

import { signInPage } from './support/api';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

/** devdata: Jonas Weber administers Rhine Valley TU. */
const ADMIN = 'staff-admin@icim.example';
/** The reference library's tolerance, which a receiver applies to `webhook-timestamp`. */
const TOLERANCE_SECONDS = 5 * 60;

interface Received {
  id: string;
  body: string;
  isVerified: boolean;
}

/**
 * A receiver as an HR system would write one, verifying per the Standard Webhooks specification
 * (no `standardwebhooks` package for Node is installed here): the signed content is
 * `<webhook-id>.<webhook-timestamp>.<body>`, HMAC-SHA256 with the secret's base64 bytes after
 * `whsec_`, each signature `v1,<base64>` in the space-separated `webhook-signature`.
 */
class Receiver {
  secret = '';
  status = 200;
  readonly received: Received[] = [];
  private readonly server: Server;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const id = String(request.headers['webhook-id'] ?? '');
        const isVerified = this.verify(
          id,
          String(request.headers['webhook-timestamp'] ?? ''),
          String(request.headers['webhook-signature'] ?? ''),
          body,
        );
        this.received.push({ id, body, isVerified });
        const status = isVerified ? this.status : 401;
        response.writeHead(status, { 'Content-Type': 'text/plain' });
        response.end(status < 300 ? 'ok' : 'receiver is failing on purpose');
      });
    });
  }

  verify(id: string, timestamp: string, signatures: string, body: string): boolean {
    if (!this.secret.startsWith('whsec_') || !id || !/^\d+$/.test(timestamp)) return false;
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;
    const key = Buffer.from(this.secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
    return signatures.split(' ').some((signature) => {
      const [version, value] = signature.split(',', 2);
      if (version !== 'v1' || !value) return false;
      const given = Buffer.from(value, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => {
      this.server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${String(port)}/hooks/icim`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }
}

test('an administrator registers a webhook, tests it, and redelivers to a failing receiver', async ({
  page,
}) => {
  const receiver = new Receiver();
  const receiverUrl = await receiver.start();
  try {
    await signInPage(page, ADMIN);
    await page.goto('/studio');
    await page.getByLabel('Language', { exact: true }).selectOption('en');
    await page
      .getByRole('navigation', { name: 'Studio' })
      .getByRole('link', { name: 'Webhooks' })
      .click();
    await expect(page).toHaveURL(/\/studio\/webhooks\/rhine-valley-tu$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();

    // A private address is refused at its field (no SSRF), loopback being allowed only here.
    await page.getByRole('link', { name: 'Add an endpoint' }).click();
    const url = page.getByLabel('Receiver URL');
    await url.fill('http://10.20.30.40/hooks');
    await page.getByLabel(/Description/).fill('HR system (test receiver)');
    await page.getByRole('checkbox', { name: /Certificate issued/ }).check();
    await page.getByRole('checkbox', { name: /Course completed/ }).check();
    await page.getByRole('button', { name: 'Add the endpoint' }).click();
    await expect(url).toHaveAccessibleDescription(
      /The host resolves to an address that is not public \(10\.20\.30\.40\)\./,
    );
    await expect(url).toBeFocused();
    await screenshot(page, 'webhooks-refused-url-en');

    // The receiver's URL is accepted; the secret is shown this once.
    await url.fill(receiverUrl);
    await page.getByRole('button', { name: 'Add the endpoint' }).click();
    await expect(
      page.getByRole('heading', { name: 'The endpoint is added: here is its secret' }),
    ).toBeFocused();
    await expect(page.getByText('This is the only time the secret is shown.')).toBeVisible();
    receiver.secret = await page.getByLabel('Signing secret').inputValue();
    expect(receiver.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'webhooks-secret-once-en');
    await page.getByRole('link', { name: 'Open the endpoint' }).click();
    await expect(page.getByRole('heading', { level: 1, name: receiverUrl })).toBeVisible();
    await expect(page.getByLabel('Signing secret')).toHaveCount(0);

    // A test delivery reaches the receiver, signed, and the log shows it delivered with a 2xx.
    await page.getByRole('button', { name: 'Send a test delivery' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: /^Test delivery \d+ is queued/ }),
    ).toBeVisible();
    const log = page.getByRole('table', { name: 'Deliveries to this endpoint, newest first' });
    const first = log.getByRole('row').nth(1);
    await expect(first).toContainText('Test message');
    await expect(first).toContainText('Delivered');
    await expect(first.getByRole('cell').nth(4)).toHaveText('200');
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.isVerified).toBe(true);
    expect(JSON.parse(receiver.received[0]?.body ?? '{}')).toMatchObject({
      type: 'webhook.test',
      data: { message: 'A test delivery from ICIM Academy.' },
    });
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'webhooks-endpoint-en');

    // The receiver fails: the redelivery (same message id) is logged with its 500 and error.
    receiver.status = 500;
    await first.getByRole('button', { name: /^Details/ }).click();
    const detail = page.getByRole('region', { name: /^Delivery \d+$/ });
    await expect(detail.getByRole('heading', { level: 3 })).toBeFocused();
    await detail.getByRole('button', { name: 'Redeliver' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: /^Redelivery \d+ is queued/ }),
    ).toBeVisible();
    const redelivery = log.getByRole('row').nth(1);
    await expect(redelivery).toContainText('Retrying');
    await expect(redelivery.getByRole('cell').nth(4)).toHaveText('500');
    const redeliveryDetail = page.getByRole('region', { name: /^Delivery \d+$/ });
    await expect(redeliveryDetail).toContainText('receiver is failing on purpose');
    await expect(redeliveryDetail).toContainText('Redelivery of');
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]?.isVerified).toBe(true);
    expect(receiver.received[1]?.id).toBe(receiver.received[0]?.id);
    expect(receiver.received[1]?.body).toBe(receiver.received[0]?.body);
    await screenshot(page, 'webhooks-redelivery-failed-en');

    // Filtering the log by state.
    await page.getByLabel('State', { exact: true }).selectOption('succeeded');
    await expect(log.getByRole('row')).toHaveCount(2);
    await expect(log.getByRole('row').nth(1)).toContainText('Delivered');
    await page.getByLabel('State', { exact: true }).selectOption('');

    // The same pages in German and in Arabic (right to left).
    await page.getByLabel('Language', { exact: true }).selectOption('de');
    await expect(page.getByRole('heading', { name: 'Zustellprotokoll' })).toBeVisible();
    await screenshot(page, 'webhooks-endpoint-de');
    await page.getByLabel('Sprache', { exact: true }).selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { name: 'سجل التسليم' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'webhooks-endpoint-ar');
    await page.getByRole('link', { name: 'كل نقاط استقبال خطافات الويب' }).click();
    await expect(page.getByRole('table')).toContainText(receiverUrl);
    await screenshot(page, 'webhooks-list-ar');

    // Removal after confirmation, back in English.
    await page.getByLabel('اللغة', { exact: true }).selectOption('en');
    await page.getByRole('link', { name: receiverUrl }).click();
    await page.getByRole('button', { name: 'Remove the endpoint…' }).click();
    await expect(page.getByRole('heading', { name: 'Remove this endpoint?' })).toBeFocused();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeFocused();
    await expect(
      page.getByText(`The endpoint ${receiverUrl} and its delivery log were removed.`),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: receiverUrl })).toHaveCount(0);
    // The switcher saved each choice to the profile: give the account its own language back.
    await page.getByLabel('Language', { exact: true }).selectOption('de');
  } finally {
    await receiver.stop();
  }
});
