// An employer's administrator gives seats on a course from a CSV file and sees one result per
// line; a learner with a seat allows the employer to see their progress; the employer then sees
// it (and, before, nothing but "awaiting consent").
import { expect, test } from '@playwright/test';

import { signInPage } from './support/api';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

/** devdata/accounts.py and devdata/seats.py: Meridian Motion's administrator and its pool. */
const HR = 'hr@icim.example';
const EMPLOYER = 'meridian-motion';
/** devdata/enrollment.py: completed the PLC course, with a certificate. */
const LEARNER = 'dmitri.volkov@icim.example';
const CSV = [
  'email,full_name',
  `${LEARNER},Dmitri Volkov`,
  'not-an-address,Nobody',
  'new.hire@meridian-motion.example,Noah Reed',
  `${LEARNER},Dmitri again`,
].join('\n');

test.describe('employer seats', () => {
  test('seats given from a CSV; progress shown only once the learner consents', async ({
    page,
    browser,
  }) => {
    await signInPage(page, HR);
    await page.goto(`/organizations/${EMPLOYER}/seats`);
    await expect(page.getByRole('heading', { level: 1, name: 'Employer seats' })).toBeVisible();
    const pools = page.getByTestId('seat-pools');
    await expect(pools).toContainText('PLC Programming with IEC 61131-3');
    await expect(pools).toContainText('0 of 5 seats used');

    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'staff.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await page.getByRole('button', { name: 'Give seats' }).click();
    const results = page.getByTestId('seat-upload-results').locator('tbody tr');
    await expect(results).toHaveCount(4);
    await expect(results.nth(0)).toContainText('Seat given');
    await expect(results.nth(1)).toContainText('Not a valid e-mail address');
    await expect(results.nth(2)).toContainText('Seat given');
    await expect(results.nth(3)).toContainText('Already holds a seat');
    await expect(pools).toContainText('2 of 5 seats used');
    const learners = page.getByTestId('seat-learners');
    const dmitri = learners.locator('tr', { hasText: LEARNER });
    await expect(dmitri).toContainText('Awaiting consent');
    await expect(dmitri).not.toContainText('% done');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'seats-upload-en');

    // The learner sees who holds a seat for them and allows it.
    const learnerContext = await browser.newContext();
    const learnerPage = await learnerContext.newPage();
    await signInPage(learnerPage, LEARNER);
    await learnerPage.goto('/learning');
    const card = learnerPage.getByRole('region', { name: 'Seats from your employer' });
    await expect(card).toContainText(
      'Meridian Motion Systems holds a seat for you on “PLC Programming with IEC 61131-3”.',
    );
    await card
      .getByRole('button', { name: 'Allow Meridian Motion Systems to see my progress' })
      .click();
    await expect(card).toContainText('You allow it');
    await expect(card.getByRole('button', { name: 'Withdraw my consent' })).toBeVisible();
    await expectNoSeriousA11yViolations(learnerPage);
    await screenshot(learnerPage, 'seats-consent-en');
    await learnerContext.close();

    // The employer now sees the learner's progress and certificate; the new hire's stays hidden.
    await page.reload();
    const consenting = page.getByTestId('seat-learners').locator('tr', { hasText: LEARNER });
    await expect(consenting).toContainText('Consent granted');
    await expect(consenting).toContainText('100% done');
    await expect(consenting.getByRole('link', { name: 'Verify certificate' })).toHaveAttribute(
      'href',
      /\/verify\/[0-9a-f-]{36}$/,
    );
    await expect(
      page
        .getByTestId('seat-learners')
        .locator('tr', { hasText: 'new.hire@meridian-motion.example' }),
    ).toContainText('Awaiting consent');
    await screenshot(page, 'seats-progress-en');
  });
});
