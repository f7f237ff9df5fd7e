// A certificate its holder made private: a visitor sees only that it exists and is valid (no name,
// no e-mail check, no credential), while the holder, signed in, sees every detail on the same page.
import { expect, request as playwrightRequest, test } from '@playwright/test';

import { BASE_URL, demoCertificate, signIn, signInPage } from './support/api';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

/** seed_demo issues Layla Haddad's certificate for this course (devdata/enrollment.py). */
const HOLDER = 'layla.haddad@icim.example';
const COURSE = 'industrial-cybersecurity-iec-62443';
const HOLDER_NAME = 'Layla Haddad';

async function setPrivacy(id: string, isPrivate: boolean) {
  const holder = await signIn(HOLDER);
  const { cookies } = await holder.context.storageState();
  const token = cookies.find((cookie) => cookie.name === 'csrftoken')?.value ?? '';
  const response = await holder.context.patch(`/api/v1/certificates/${id}/`, {
    data: { is_private: isPrivate },
    headers: { 'X-CSRFToken': token },
  });
  expect(response.ok()).toBe(true);
  await holder.context.dispose();
}

test.describe('a private certificate', () => {
  let certificateId = '';

  test.beforeAll(async () => {
    certificateId = (await demoCertificate(HOLDER, COURSE)).id;
    await setPrivacy(certificateId, true);
  });

  test.afterAll(async () => {
    await setPrivacy(certificateId, false);
  });

  test('a visitor sees existence and status only; the holder sees the details', async ({
    browser,
  }) => {
    const visitor = await browser.newContext();
    const page = await visitor.newPage();
    await page.goto(`/verify/${certificateId}`);
    await page.getByLabel('Language', { exact: true }).selectOption('en');

    await expect(page.getByTestId('verification-status')).toHaveText('Valid');
    await expect(page.getByTestId('verification-private')).toContainText(
      'only its existence and status are shown',
    );
    await expect(page.getByText(HOLDER_NAME)).toHaveCount(0);
    await expect(
      page.getByRole('heading', { name: "Check the holder's e-mail address" }),
    ).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'verify-private-visitor-en');
    await visitor.close();

    const anonymous = await playwrightRequest.newContext({ baseURL: BASE_URL });
    const credential = await anonymous.get(`/api/v1/credentials/${certificateId}`);
    expect(credential.status()).toBe(404);
    await anonymous.dispose();

    const holderContext = await browser.newContext();
    const holderPage = await holderContext.newPage();
    await signInPage(holderPage, HOLDER);
    await holderPage.goto(`/verify/${certificateId}`);
    await holderPage.getByLabel('Language', { exact: true }).selectOption('en');
    await expect(holderPage.getByTestId('verification-status')).toHaveText('Valid');
    await expect(holderPage.getByText(HOLDER_NAME)).toBeVisible();
    await expect(holderPage.getByTestId('verification-private')).toHaveCount(0);
    await screenshot(holderPage, 'verify-private-holder-en');
    await holderContext.close();
  });
});
