// An event is drafted and corrected, published, registered for, attended, and its attendance credential verifies on the
// public verification page (the independent verifier checks the same credential in pytest:
// tests/events/test_attendance.py).
import { expect, test, type Browser, type Page } from '@playwright/test';

import { signInPage } from './support/api';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

const AUTHOR = 'author@icim.example';
const APPROVER = 'approver@icim.example';
const LEARNER = 'learner.de@icim.example';
const TITLE = `OPC UA field day ${String(Date.now())}`;

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await signInPage(page, email);
  return page;
}

async function inEnglish(page: Page, path: string) {
  await page.goto(path);
  // The header's switcher: the events list has a "Language" filter of its own.
  await page.locator('#language-switcher').selectOption('en');
}

function wallTime(daysAhead: number, hour: number): string {
  const day = new Date(Date.now() + daysAhead * 86_400_000);
  return `${day.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

test('an event is published, registered for, attended and credentialed', async ({ browser }) => {
  // An author drafts the event in Berlin time.
  const author = await signedInPage(browser, AUTHOR);
  await inEnglish(author, '/events/manage');
  await author.getByLabel('Title').fill(TITLE);
  await author.getByLabel('Meeting URL').fill('https://meet.example.org/opc-ua-field-day');
  await author.getByLabel("Starts (in the event's time zone)").fill(wallTime(2, 10));
  await author.getByLabel("Ends (in the event's time zone)").fill(wallTime(2, 12));
  await author.getByLabel('Time zone', { exact: true }).fill('Europe/Berlin');
  await author.getByLabel('Capacity').fill('30');
  await author.getByRole('button', { name: 'Create draft' }).click();
  await expect(author.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(author.getByText('This event is a draft')).toBeVisible();
  // Authors do not publish: the panel says who does, and offers no button.
  await expect(
    author.getByText('Publishing is for an approver or an administrator of the organisation.'),
  ).toBeVisible();
  await expect(author.getByRole('button', { name: 'Publish' })).toHaveCount(0);
  const eventPath = new URL(author.url()).pathname;

  // The author corrects the end: the form shows the event's own times; an end before the start
  // is refused at its field.
  await author.getByRole('link', { name: 'Edit this event' }).click();
  const starts = author.getByLabel("Starts (in the event's time zone)");
  const ends = author.getByLabel("Ends (in the event's time zone)");
  await expect(starts).toHaveValue(wallTime(2, 10));
  await expect(author.getByLabel('Time zone', { exact: true })).toHaveValue('Europe/Berlin');
  await ends.fill(wallTime(2, 9));
  await author.getByRole('button', { name: 'Save changes' }).click();
  await expect(ends).toHaveAccessibleDescription('The event must end after it starts.');
  await ends.fill(wallTime(2, 13));
  await author.getByRole('button', { name: 'Save changes' }).click();
  await expect(author.getByText('The event is saved.')).toBeVisible();
  await expectNoSeriousA11yViolations(author);
  await author.getByRole('link', { name: 'Back to the event' }).click();
  await expect(author.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  // An approver of the institution publishes.
  const approver = await signedInPage(browser, APPROVER);
  await inEnglish(approver, eventPath);
  await approver.getByRole('button', { name: 'Publish' }).click();
  await expect(approver.getByText('Check-in code')).toBeVisible();

  // A learner in Shanghai finds it, sees it in her time and the event's, and registers.
  const learner = await signedInPage(browser, LEARNER);
  await inEnglish(learner, '/events');
  await learner.getByRole('link', { name: TITLE }).click();
  await expect(learner.getByText('Your time (Asia/Shanghai)')).toBeVisible();
  await expect(learner.getByText('Event time (Europe/Berlin)')).toBeVisible();
  await expect(
    learner.getByText('the meeting link is shown once you are registered'),
  ).toBeVisible();
  await learner.getByRole('button', { name: 'Register' }).click();
  await expect(learner.getByRole('status')).toHaveText('You are registered.');
  await expect(
    learner.getByRole('link', { name: 'https://meet.example.org/opc-ua-field-day' }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(learner);
  await screenshot(learner, 'events-registered-en');

  // The author records attendance from a CSV; an unregistered address is reported on its row.
  await inEnglish(author, eventPath);
  await author.getByLabel('CSV file with one e-mail address per row').setInputFiles({
    name: 'attendance.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`email\n${LEARNER}\nnobody@example.org\n`),
  });
  await author.getByRole('button', { name: 'Upload attendance' }).click();
  await expect(author.getByText('1 attendance recorded.')).toBeVisible();
  await expect(author.getByText(`Row 2 · ${LEARNER} · recorded`)).toBeVisible();
  await expect(
    author.getByText('Row 3 · nobody@example.org · Not registered for this event.'),
  ).toBeVisible();
  await screenshot(author, 'events-attendance-report-en');

  // The credential is issued in the background and listed beside the learner's certificates.
  await expect(async () => {
    await inEnglish(learner, '/certificates');
    await expect(
      learner.getByRole('heading', { name: 'Event attendance credentials' }),
    ).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await screenshot(learner, 'events-credentials-en');
  await learner.getByRole('link', { name: 'Verify', exact: true }).click();

  // Anyone can verify it on the public page.
  await expect(learner.getByTestId('verification-status')).toHaveText('Valid');
  await expect(learner.getByText('Attended the event (attendance credential)')).toBeVisible();
  await expect(learner.getByText(TITLE)).toBeVisible();
  await expectNoSeriousA11yViolations(learner);
  await screenshot(learner, 'events-credential-verified-en');
});
