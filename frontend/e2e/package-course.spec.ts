// SCORM 1.2, SCORM 2004 (4th edition) and cmi5 packages, end to end: an author uploads the zip the backend builds
// (`manage.py build_elearning_package scorm12`) as a package lesson and sees what was found; the
// course is reviewed and published; a learner enrols, plays the package in its sandboxed frame
// (the SPA's frame -> the player page on the content origin -> the SCO's frame), reloads half way
// and resumes on the same page, passes its check, finishes, and the course reaches its certificate.
// Nothing is faked: the SCO finds scorm-again's API by SCORM's discovery, commits to the server,
// and the server decides completion. The content origin is the platform's with 127.0.0.1 and
// localhost swapped (http://localhost:<port> beside http://127.0.0.1:<port>).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test, type Browser, type FrameLocator, type Page } from '@playwright/test';

import { signInPage } from './support/api';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

/** devdata/accounts.py: staff of Rhine Valley Technical University, one role each. */
const AUTHOR = 'author@icim.example';
const REVIEWER = 'reviewer@icim.example';
const APPROVER = 'approver@icim.example';
const LEARNER = 'learner.de@icim.example';

const run = Date.now().toString(36);

/** The standards the journey plays, each with the test package devdata builds for it. */
// SCORM packages commit through the player page, which tells the SPA; a cmi5 AU talks to the
// LRS itself (its own status line says when the LRS took its bookmark and result).
const SCOS = 'SCOs (sharable content objects)';
const STANDARDS = [
  {
    builder: 'scorm12',
    label: 'SCORM 1.2',
    packageTitle: 'Fire safety (SCORM 1.2)',
    items: SCOS,
    mastery: '80%',
    isScorm: true,
  },
  {
    builder: 'scorm2004',
    label: 'SCORM 2004',
    packageTitle: 'Fire safety (SCORM 2004)',
    items: SCOS,
    mastery: '80%',
    isScorm: true,
  },
  {
    builder: 'cmi5',
    label: 'cmi5',
    packageTitle: 'Fire safety (cmi5)',
    items: 'AUs (assignable units)',
    mastery: '50%',
    isScorm: false,
  },
] as const;
type Standard = (typeof STANDARDS)[number];
const INTRO_TITLE = 'Before you start';
const PACKAGE_LESSON_TITLE = 'Fire safety, interactive';
const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

/** The zip the backend's test packages build (devdata/elearning_packages.py). */
function buildPackage(standard: Standard): string {
  const path = join(
    mkdtempSync(join(tmpdir(), 'icim-package-')),
    `fire-safety-${standard.builder}.zip`,
  );
  execFileSync(
    join(REPOSITORY, '.venv/bin/python'),
    ['manage.py', 'build_elearning_package', standard.builder, path],
    { cwd: REPOSITORY, env: { ...process.env, DJANGO_DEBUG: 'true' }, stdio: 'pipe' },
  );
  return path;
}

async function staffPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInPage(page, email);
  return page;
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

async function transition(page: Page, action: string, done: string) {
  await openTab(page, 'Review and publish');
  await page.getByRole('button', { name: action, exact: true }).click();
  await expect(page.getByText(done)).toBeVisible();
}

/** The SCO's document: inside the player page (content origin), inside the lesson's frame. */
function scoFrame(page: Page): FrameLocator {
  return page
    .frameLocator(`iframe[title="Interactive lesson: ${PACKAGE_LESSON_TITLE}"]`)
    .frameLocator('#icim-sco-frame');
}

/** Wait until the platform stored the learner's place or result: for SCORM the SPA hears it
 * from the player page; for cmi5 the AU says the LRS answered. */
async function expectSaved(page: Page, standard: Standard, text: string | RegExp) {
  if (standard.isScorm)
    await expect(
      page.getByRole('status').filter({ hasText: 'Your progress was saved.' }),
    ).toBeVisible({ timeout: 20_000 });
  else await expect(scoFrame(page).getByText(text)).toBeVisible({ timeout: 20_000 });
}

for (const standard of STANDARDS)
  test(`an author uploads a ${standard.label} package; a learner plays it, resumes after a reload, completes the course`, async ({
    browser,
    page,
  }) => {
    test.setTimeout(240_000);
    const zipPath = buildPackage(standard);
    const TITLE = `Fire Safety Essentials ${standard.builder} ${run}`;
    const SLUG = `fire-safety-essentials-${standard.builder}-${run}`;

    // The author makes a course: an introduction, then the package lesson.
    await signInPage(page, AUTHOR);
    await page.goto('/studio');
    await page.getByRole('link', { name: 'New course' }).click();
    await page.getByLabel('Course title').fill(TITLE);
    await expect(page.getByLabel('Address (slug)')).toHaveValue(SLUG);
    await page.getByLabel('Course code').fill(`RVTU-FS-${standard.builder}-${run}`);
    await page.getByRole('button', { name: 'Start editing' }).click();
    await page
      .getByLabel('Summary')
      .fill('Exits, alarms and what to do first, as an interactive lesson.');
    await page
      .getByLabel('Description', { exact: true })
      .fill('An introduction, then an interactive SCORM lesson with a short check.');
    await openTab(page, 'Modules and lessons');
    await page.getByLabel('Title of module 1').fill('Fire safety');
    await page.getByRole('button', { name: 'Untitled lesson', exact: true }).click();
    await page.getByLabel('Lesson title').fill(INTRO_TITLE);
    await page
      .getByRole('textbox', { name: 'Lesson text' })
      .fill('The next lesson is interactive: it saves your place as you go.');
    await page.getByLabel('Kind of new lesson in module 1').selectOption('package');
    await page.getByRole('button', { name: 'Add a lesson to module 1' }).click();
    await page.getByLabel('Lesson title').fill(PACKAGE_LESSON_TITLE);
    // The zip goes to the lesson's key, which exists on the server once the draft is saved.
    await expect(page.getByText('Save the course once before uploading files.')).toBeVisible();
    await page.getByRole('button', { name: 'Save draft' }).click();
    // The first save creates the course: the editor moves to its address.
    await expect(page).toHaveURL(new RegExp(`/studio/courses/${SLUG}$`));

    await openTab(page, 'Modules and lessons');
    const packageLesson = page.getByRole('button', { name: PACKAGE_LESSON_TITLE, exact: true });
    if ((await page.getByLabel('SCORM or cmi5 package (.zip)').count()) === 0)
      await packageLesson.click();
    await page.getByLabel('SCORM or cmi5 package (.zip)').setInputFiles(zipPath);
    // Checked at once (listing and manifest), then unpacked into storage by the media worker.
    await expect(page.getByText('The package is ready: learners can play it.')).toBeVisible({
      timeout: 60_000,
    });
    const report = page.getByTestId('elearning-report');
    await expect(report).toContainText(standard.label);
    await expect(report).toContainText(standard.packageTitle);
    await expect(report).toContainText('index.html');
    await expect(report.getByRole('table', { name: standard.items })).toContainText(
      standard.mastery,
    );
    await expect(page.getByTestId('elearning-refusal')).toHaveCount(0);
    await screenshot(page, `package-report-${standard.builder}`);
    await screenshot(page, `package-report-${standard.builder}`);
    await expectNoSeriousA11yViolations(page);

    // Review and publication.
    await transition(page, 'Submit for review', 'Submitted for review.');
    const reviewer = await staffPage(browser, REVIEWER);
    await reviewer.goto(`/studio/courses/${SLUG}`);
    await transition(reviewer, 'Approve', 'Approved. An approver can now publish it.');
    const approver = await staffPage(browser, APPROVER);
    await approver.goto(`/studio/courses/${SLUG}`);
    await transition(approver, 'Publish', 'Published: learners find it in the catalog.');

    // The learner enrols and works through the introduction.
    const learner = await staffPage(browser, LEARNER);
    await learner.goto(`/courses/${SLUG}`);
    await learner.getByRole('button', { name: 'Enrol in this course' }).click();
    await expect(learner.getByRole('heading', { level: 1, name: INTRO_TITLE })).toBeVisible();
    await learner.getByRole('button', { name: 'Mark as complete' }).click();
    await expect(learner.getByText('You have completed this lesson.')).toBeVisible();
    await learner.getByRole('link', { name: 'Next lesson' }).click();

    // The package lesson: not started, then started in its sandboxed frame.
    await expect(
      learner.getByRole('heading', { level: 1, name: PACKAGE_LESSON_TITLE }),
    ).toBeVisible();
    await expect(learner.getByText(/You have not started this lesson yet/)).toBeVisible();
    await learner.getByRole('button', { name: 'Start the lesson' }).click();
    const frame = learner.locator(`iframe[title="Interactive lesson: ${PACKAGE_LESSON_TITLE}"]`);
    await expect(frame).toHaveAttribute(
      'sandbox',
      'allow-scripts allow-same-origin allow-forms allow-popups allow-modals',
    );
    await expect(frame).toHaveAttribute('src', /^http:\/\/localhost:\d+\/p\//);
    const sco = scoFrame(learner);
    await expect(sco.getByRole('heading', { name: 'Page 1 of 3' })).toBeVisible();
    await expectNoSeriousA11yViolations(learner);
    await sco.getByRole('button', { name: 'Next' }).click();
    await expect(sco.getByRole('heading', { name: 'Page 2 of 3' })).toBeVisible();
    // The SCO commits on each page; the player tells the SPA once the server stored it.
    await expectSaved(learner, standard, 'Your place is saved (page 2).');
    await screenshot(learner, `package-playing-${standard.builder}`);

    // A reload half way: the lesson offers Resume, and the SCO opens where the learner was.
    await learner.reload();
    await expect(
      learner.getByRole('heading', { level: 1, name: PACKAGE_LESSON_TITLE }),
    ).toBeVisible();
    await expect(learner.getByTestId('package-status')).toContainText('not finished');
    await learner.getByRole('button', { name: 'Resume the lesson' }).click();
    await expect(sco.getByRole('heading', { name: 'Page 2 of 3' })).toBeVisible();
    await sco.getByRole('button', { name: 'Next' }).click();
    await expect(sco.getByRole('heading', { name: 'Page 3 of 3' })).toBeVisible();
    await sco.getByRole('button', { name: 'Next' }).click();

    // The check: both answers right, 100 % against the mastery score.
    await sco.getByRole('radio', { name: 'Leave the building' }).check();
    await sco.getByRole('radio', { name: 'Clear' }).check();
    await sco.getByRole('button', { name: 'Submit' }).click();
    await expect(sco.getByText('Your score: 100 %')).toBeVisible();
    await expectSaved(learner, standard, 'Your result is recorded.');
    await sco.getByRole('button', { name: 'Finish' }).click();
    await expect(sco.getByText('Finished. You may close this lesson.')).toBeVisible();
    if (standard.isScorm)
      await expect(
        learner
          .getByRole('status')
          .filter({ hasText: 'The lesson was closed and your progress saved.' }),
      ).toBeVisible();
    // A cmi5 AU's results reach the page when it asks again, as after coming back to it.
    else await learner.reload();

    // The server counted it: the lesson done, the course complete, the certificate issued.
    await expect(learner.getByText('You have completed this lesson.')).toBeVisible();
    await expect(learner.getByTestId('package-status')).toContainText('100%');
    await expect(learner.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    const certificateStatus = learner
      .getByRole('status')
      .filter({ hasText: /Your certificate is/ });
    await expect(certificateStatus).toContainText('Your certificate is ready.', {
      timeout: 30_000,
    });
    await screenshot(learner, `package-complete-${standard.builder}`);

    // Leave the catalog as the other journeys expect it.
    await approver.goto(`/studio/courses/${SLUG}`);
    await transition(approver, 'Archive', 'Archived.');
    for (const other of [reviewer, approver, learner]) await other.context().close();
  });
