// The best-practice library: an author writes a case study (English, with a Chinese title) tagged
// with a standard and a competency, with a file attached; a reviewer approves it and a different approver publishes it
// (the author may not sign off their own work); the catalog then finds it beside the courses by
// the standard and by the competency, and the library by a Chinese word.
import { expect, test, type Browser, type Page } from '@playwright/test';

import { signInPage } from './support/api';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

/** devdata/accounts.py: staff of Rhine Valley Technical University, one role each. */
const AUTHOR = 'author@icim.example';
const REVIEWER = 'reviewer@icim.example';
const APPROVER = 'approver@icim.example';

const run = Date.now().toString(36);
const SLUG = `twin-bottling-${run}`;
const TITLE = `A digital twin for a bottling line ${run}`;
const CHINESE_TITLE = `灌装线数字孪生 ${run}`;
const STANDARD = 'ISO 23247';
const COMPETENCY = 'TWN.VCM';

async function staffPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInPage(page, email);
  return page;
}

async function reviewStep(page: Page, action: string, state: string) {
  await page.goto(`/studio/practices/${SLUG}`);
  await page.getByRole('button', { name: action, exact: true }).click();
  await expect(page.getByTestId('case-study-state')).toHaveText(state);
}

test.describe('best-practice library', () => {
  test('a case study is authored, reviewed, approved by a colleague, published and found in the catalog by standard and competency', async ({
    browser,
    page,
  }) => {
    test.setTimeout(120_000);

    // The author writes the draft.
    await signInPage(page, AUTHOR);
    await page.goto('/studio/practices');
    await expect(page.getByRole('heading', { level: 1, name: 'Case studies' })).toBeVisible();
    await page.getByRole('link', { name: 'New case study' }).click();
    await page.getByLabel('Address name').fill(SLUG);
    await page.getByRole('checkbox', { name: 'Chinese' }).check();
    const english = page.getByRole('group', { name: /English/ });
    await english.getByLabel('Title').fill(TITLE);
    await english
      .getByLabel('Summary')
      .fill('Virtual commissioning cut start-up from six weeks to two.');
    await english
      .getByLabel('Problem (Markdown)')
      .fill('Commissioning a new filler took **six weeks** on the line.');
    await english
      .getByLabel('Solution (Markdown)')
      .fill('A digital twin built on the ISO 23247 reference architecture.');
    await english
      .getByLabel('Results (Markdown)')
      .fill('Start-up in two weeks; 30 % fewer PLC changes on site.');
    await page
      .getByRole('group', { name: /Chinese/ })
      .getByLabel('Title')
      .fill(CHINESE_TITLE);
    await page.getByLabel('Sector').selectOption('food');
    await page.getByLabel('Country').selectOption('DE');
    await page.getByRole('checkbox', { name: STANDARD }).check();
    await page.getByLabel('Competencies').selectOption([COMPETENCY]);
    await page.getByLabel('Linked courses').fill('no-such-course');
    await page.getByRole('button', { name: 'Create draft' }).click();
    // A dead linked course is refused, naming it; nothing is created.
    await expect(page.getByRole('alert')).toContainText(
      "Course 'no-such-course' does not exist or is not published.",
    );
    await page.getByLabel('Linked courses').fill('');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect(page).toHaveURL(new RegExp(`/studio/practices/${SLUG}$`));
    await expect(page.getByTestId('case-study-state')).toHaveText('Draft');

    // The draft takes a file: a CSV of line readings, typed by its bytes on the server.
    const files = page.getByRole('region', { name: 'Files' });
    await expect(files.getByText('No files attached yet.')).toBeVisible();
    await files.getByLabel('Attach a file').setInputFiles({
      name: 'filler-readings.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('week,bottles_per_hour\n1,12000\n2,18000\n'),
    });
    await expect(files.getByRole('status')).toHaveText('filler-readings.csv is attached.');
    await expect(files.getByRole('link', { name: 'filler-readings.csv' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'practices-editor');
    await reviewStep(page, 'Submit for review', 'In review');

    // The reviewer approves; then the approver (a colleague who did not write it) publishes.
    const reviewer = await staffPage(browser, REVIEWER);
    await reviewStep(reviewer, 'Approve', 'Approved');
    await screenshot(reviewer, 'practices-review');
    const approver = await staffPage(browser, APPROVER);
    await reviewStep(approver, 'Publish', 'Published');

    // Anyone finds it in the catalog, beside the courses, by the standard…
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto('/courses');
    await visitor
      .getByLabel('Standard', { exact: true })
      .selectOption({ label: 'ISO 23247 — Digital twin framework for manufacturing' });
    await expect(visitor).toHaveURL(/standard=ISO/);
    const section = visitor.getByRole('region', {
      name: 'Case studies from the best-practice library',
    });
    await expect(section.getByRole('link', { name: TITLE })).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
    await screenshot(visitor, 'practices-catalog-by-standard');

    // …and by the competency.
    await visitor.goto(`/courses?competency=${COMPETENCY}`);
    await expect(section.getByRole('link', { name: TITLE })).toBeVisible();
    await screenshot(visitor, 'practices-catalog-by-competency');

    // The library finds it by a Chinese word, and its page shows problem, solution and results.
    await visitor.goto('/practices');
    await visitor.getByLabel('Search case studies (any language)').fill('数字孪生');
    await expect(visitor.getByRole('link', { name: TITLE })).toBeVisible();
    await visitor.getByRole('link', { name: TITLE }).click();
    await expect(visitor.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(visitor.getByRole('heading', { name: 'Results' })).toBeVisible();
    await expect(visitor.getByRole('strong').filter({ hasText: 'six weeks' })).toBeVisible();
    await expect(visitor.getByRole('link', { name: 'filler-readings.csv' })).toBeVisible();
    await expectNoSeriousA11yViolations(visitor);
    await screenshot(visitor, 'practices-case-study');
  });
});
