// A learner walks a program: finds it in the catalog's programs section, sees its courses and
// "0 of 3 done; next: …", earns course certificates (recognised prior learning, issued by the
// background task as any certificate), sees "2 of 3 done; next: …", and in a second program
// (any 2 of 3) gets the program certificate: its PDF and a verification page that says Valid
// (the independent verifier checks the same kind of credential in pytest: tests/programs).
import { expect, test, type Page } from '@playwright/test';

import { signIn, signInPage, type SignedInApi } from './support/api';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

const LEARNER = 'learner.de@icim.example';
const AUTHOR = 'author@icim.example';
const APPROVER = 'approver@icim.example';
const DEMO_PROGRAM = 'Smart Factory Engineer';
const ELECTIVE_TITLE = `Connected controls ${String(Date.now())}`;
const COURSES = [
  'plc-iec-61131-3',
  'opc-ua-mqtt-connectivity',
  'digital-twins-virtual-commissioning',
];

async function put(api: SignedInApi, path: string, data: unknown): Promise<void> {
  const { cookies } = await api.context.storageState();
  const token = cookies.find((cookie) => cookie.name === 'csrftoken')?.value ?? '';
  const response = await api.context.put(path, { data, headers: { 'X-CSRFToken': token } });
  if (!response.ok()) throw new Error(`PUT ${path}: ${String(response.status())}`);
}

async function inEnglish(page: Page, path: string) {
  await page.goto(path);
  await page.getByLabel('Language', { exact: true }).selectOption('en');
}

test('a learner follows a program to its certificate', async ({ page }) => {
  test.setTimeout(180_000);
  // An elective program of Rhine Valley TU: any 2 of the demo program's 3 courses.
  const author = await signIn(AUTHOR);
  const elective = (await author.post('/api/v1/programs/staff', {
    organizations: ['rhine-valley-tu'],
    kind: 'elective',
    required_count: 2,
    primary_language: 'en',
    translations: { en: { title: ELECTIVE_TITLE, summary: 'Any two of three.' } },
  })) as { slug: string };
  await put(author, `/api/v1/programs/${elective.slug}/courses`, { courses: COURSES });
  const approver = await signIn(APPROVER);
  await approver.post(`/api/v1/programs/${elective.slug}/publish`, {});

  // The learner finds the demo program in the catalog and opens it.
  await signInPage(page, LEARNER);
  await inEnglish(page, '/courses');
  const programs = page.getByRole('region', { name: 'Programs' });
  await programs.getByRole('link', { name: DEMO_PROGRAM }).click();
  await expect(page.getByRole('heading', { level: 1, name: DEMO_PROGRAM })).toBeVisible();
  await expect(page.getByText('All 3 courses, in order')).toBeVisible();
  const courses = page.getByRole('region', { name: 'Courses' });
  await expect(courses.getByRole('listitem')).toHaveCount(3);
  await expect(courses.getByRole('heading', { level: 3 }).first()).toHaveText(
    'PLC Programming with IEC 61131-3',
  );
  const status = page.getByRole('region', { name: 'Your progress' }).getByRole('status');
  await expect(status).toHaveText('0 of 3 done; next: PLC Programming with IEC 61131-3');
  const programPath = new URL(page.url()).pathname;

  // Two course certificates are issued to the learner (prior learning recognised by an approver).
  for (const course of COURSES.slice(0, 2))
    await approver.post('/api/v1/certificates/prior-learning', {
      course,
      learner_email: LEARNER,
      note: 'Industrial experience, assessed by interview.',
    });
  await expect(async () => {
    await page.goto(programPath);
    await expect(status).toHaveText('2 of 3 done; next: Digital Twins and Virtual Commissioning', {
      timeout: 2_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(courses.getByText('Done')).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'program-progress');

  // The elective program is complete with those two: its certificate is there.
  await expect(async () => {
    await page.goto(`/programs/${elective.slug}`);
    await expect(page.getByRole('link', { name: 'Download the PDF' })).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ timeout: 90_000 });
  await expect(status).toHaveText('2 of 2 done');
  await expect(page.getByText('You completed this program.')).toBeVisible();
  const pdf = await page.request.get(
    (await page.getByRole('link', { name: 'Download the PDF' }).getAttribute('href')) ?? '',
  );
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'program-credential');

  await page.getByRole('link', { name: 'Verification page' }).click();
  await expect(page.getByTestId('verification-status')).toHaveText('Valid');
  await expect(page.getByText(ELECTIVE_TITLE)).toBeVisible();
  await expect(page.getByText('Completed the program (program certificate)')).toBeVisible();
  await screenshot(page, 'program-verification');
  await author.context.dispose();
  await approver.context.dispose();
});
