// Who is signed in, through the real backend: a stranger registers from a course page and comes
// back to it, enrols without a reload and reaches My learning without a loop; logging out and in
// changes who is shown; a session cut mid-lesson sends the learner to sign in and back; anonymous
// pages log no console error.
import { expect, test, type Page, type Response } from '@playwright/test';

import { linkFromEmail } from './support/mailbox';
import { screenshot } from './support/page-checks';

const COURSE_SLUG = 'industrial-robotics-cobot-safety';
const COURSE_TITLE = 'Industrial Robotics and Collaborative Robot Safety';
const COURSE_PATH = `/courses/${COURSE_SLUG}`;
const PASSWORD = 'Digital-Twin-Lathe-2026!';

function uniqueEmail(label: string): string {
  return `e2e-${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
}

/** What the page does from now on: the paths it goes to (SPA navigations included), its API
 * answers, and its console errors. */
function watch(page: Page) {
  const paths: string[] = [];
  const answers: { status: number; method: string; path: string }[] = [];
  const consoleErrors: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) {
      const url = new URL(frame.url());
      const path = url.pathname + url.search;
      // A page load is reported again when the router stamps its history entry (replaceState,
      // same URL): that is one visit, not a redirect.
      if (paths.at(-1) !== path) paths.push(path);
    }
  });
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/'))
      answers.push({
        status: response.status(),
        method: response.request().method(),
        path: url.pathname,
      });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return {
    paths,
    answers,
    consoleErrors,
    /** Forget what happened so far. */
    reset() {
      paths.length = 0;
      answers.length = 0;
      consoleErrors.length = 0;
    },
    refused: () => answers.filter((answer) => answer.status === 401),
  };
}

function enrolment(page: Page) {
  return page.getByRole('region', { name: 'Enrolment' });
}

function mainNavigation(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

async function logIn(page: Page, email: string) {
  await page.getByLabel('E-mail address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Register; the page then says to look in the inbox (nobody is signed in yet). */
async function register(page: Page, email: string, fullName: string) {
  await page.getByLabel('E-mail address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Full name (as on certificates)', { exact: true }).fill(fullName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your inbox' })).toBeVisible();
}

/** Open the confirmation link from the e-mail, as the new learner would; returns its path. */
async function openConfirmationLink(page: Page, email: string): Promise<string> {
  const link = await linkFromEmail(email, '/confirm-email');
  await page.goto(link);
  return link;
}

test.describe('signing in and out', () => {
  test('anonymous pages load without a console error', async ({ page }) => {
    const activity = watch(page);
    for (const path of ['/', '/courses', COURSE_PATH, '/verify', '/login', '/register']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // Wait until the page's own requests are answered before judging the console.
      await page.waitForLoadState('networkidle');
    }
    await page.goto(COURSE_PATH);
    await expect(enrolment(page).getByRole('link', { name: 'Log in to enrol' })).toBeVisible();
    await page.waitForLoadState('networkidle');

    expect(activity.consoleErrors).toEqual([]);
    expect(activity.answers.filter((answer) => answer.status >= 400)).toEqual([]);
    expect(activity.answers).toContainEqual({
      status: 200,
      method: 'GET',
      path: '/api/v1/auth/session',
    });
  });

  test('a stranger registers from a course page, comes back, enrols without a reload and reaches My learning', async ({
    page,
  }) => {
    const email = uniqueEmail('course-register');
    await page.goto(COURSE_PATH);
    await page.getByLabel('Language', { exact: true }).selectOption('en');
    await expect(enrolment(page).getByRole('link', { name: 'Log in to enrol' })).toBeVisible();

    await enrolment(page).getByRole('link', { name: 'Register' }).click();
    await expect(page).toHaveURL(`/register?next=${encodeURIComponent(COURSE_PATH)}`);
    await register(page, email, 'Katherine Johnson');
    const activity = watch(page);
    const link = await openConfirmationLink(page, email);
    expect(new URL(link, 'http://e2e').searchParams.get('next')).toBe(COURSE_PATH);

    // Back on the course page, which knows who is there now: no "Log in to enrol".
    await expect(page).toHaveURL(COURSE_PATH);
    const enrol = enrolment(page).getByRole('button', { name: 'Enrol in this course' });
    await expect(enrol).toBeVisible();
    await expect(enrolment(page).getByRole('link', { name: 'Log in to enrol' })).toHaveCount(0);
    await screenshot(page, 'session-course-after-register-en');
    expect(activity.paths).toEqual([link, COURSE_PATH]);

    await enrol.click();
    await expect(page).toHaveURL(/\/learn\/\d+\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    activity.reset();
    await mainNavigation(page).getByRole('link', { name: 'My learning' }).click();
    const card = page.getByRole('article', { name: COURSE_TITLE });
    await expect(card).toBeVisible();
    await page.waitForLoadState('networkidle');
    // The URL settled at once: one navigation, the list of enrolments asked for once at most (it
    // may be fresh in the cache), nothing refused.
    await expect(page).toHaveURL('/learning');
    expect(activity.paths).toEqual(['/learning']);
    expect(
      activity.answers.filter((answer) => answer.path === '/api/v1/enrollments/').length,
    ).toBeLessThanOrEqual(1);
    expect(activity.refused()).toEqual([]);
    await screenshot(page, 'session-my-learning-en');

    // Log out: nobody is shown any more, and the course page offers to log in again.
    await mainNavigation(page).getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL('/');
    await expect(mainNavigation(page).getByRole('link', { name: 'Log in' })).toBeVisible();
    await expect(mainNavigation(page).getByRole('link', { name: 'My learning' })).toHaveCount(0);
    await page.goto(COURSE_PATH);
    await enrolment(page).getByRole('link', { name: 'Log in to enrol' }).click();
    await expect(page).toHaveURL(`/login?next=${encodeURIComponent(COURSE_PATH)}`);

    // Log in: back on the course page, which shows the learner enrolled.
    await logIn(page, email);
    await expect(page).toHaveURL(COURSE_PATH);
    await expect(enrolment(page).getByRole('link', { name: 'Continue learning' })).toBeVisible();
    await expect(mainNavigation(page).getByRole('link', { name: 'My learning' })).toBeVisible();
    await screenshot(page, 'session-course-after-login-en');
  });

  test('a session cut mid-lesson sends the learner to sign in once, and back to the lesson', async ({
    page,
  }) => {
    const email = uniqueEmail('session-cut');
    await page.goto(`/register?next=${encodeURIComponent(COURSE_PATH)}`);
    await page.getByLabel('Language', { exact: true }).selectOption('en');
    await register(page, email, 'Dorothy Vaughan');
    await openConfirmationLink(page, email);
    await enrolment(page).getByRole('button', { name: 'Enrol in this course' }).click();
    await expect(page).toHaveURL(/\/learn\/\d+\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('link', { name: 'Next lesson' })).toBeVisible();
    // The learner is reading: the lesson and its "opened" event have answered. (Cut while they
    // are in flight, their refusal sends the learner to sign in before the click below can land.)
    await page.waitForLoadState('networkidle');

    // The session ends behind the page's back (expired, or signed out elsewhere).
    await page.context().clearCookies();
    const activity = watch(page);
    await page.getByRole('link', { name: 'Next lesson' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const lessonPath = activity.paths[0] ?? '';
    expect(lessonPath).toMatch(/^\/learn\/\d+\/[0-9a-f-]{36}$/);
    await expect(page).toHaveURL(`/login?next=${encodeURIComponent(lessonPath)}`);
    await screenshot(page, 'session-cut-login-en');
    const refusedBeforeLogin = activity.refused().length;

    await logIn(page, email);
    await expect(page).toHaveURL(lessonPath);
    await expect(page.getByRole('link', { name: 'Previous lesson' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    // Known glitch (CI timing, PostgreSQL and a worker): a refusal that arrives while the page
    // left is still rendered may first point the sign-in at that page; the next refusal corrects
    // it before the learner acts. The learner signs in once and lands on the lesson they opened.
    const signIn = `/login?next=${encodeURIComponent(lessonPath)}`;
    expect(activity.paths[0]).toBe(lessonPath);
    expect(activity.paths.slice(-2)).toEqual([signIn, lessonPath]);
    expect(activity.paths.length).toBeLessThanOrEqual(4);
    // The lesson and its "opened" event at most: no loop, before or after signing in again.
    expect(refusedBeforeLogin).toBeGreaterThanOrEqual(1);
    expect(refusedBeforeLogin).toBeLessThanOrEqual(3);
    expect(activity.refused()).toHaveLength(refusedBeforeLogin);
  });
});
