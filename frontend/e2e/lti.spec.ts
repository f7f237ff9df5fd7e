// LTI 1.3 in a real browser: an LMS course page on another site (localhost) frames ICIM Academy
// (127.0.0.1) with third-party cookies blocked. The learner's launch opens the course in a new
// window, signed in, without a second account; the instructor sees the class list; a teacher
// adds content through deep linking and the LMS receives it. The LMS offers its postMessage
// storage (lti_storage_target), so each launch is bound to the browser that started its login:
// the same launch posted in another browser is refused. The LMS is the pytest suite's test
// platform (tests/lti/platform_server.py), run as a process of its own.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { expect, test, type Browser, type Page } from '@playwright/test';

import { screenshot } from './support/page-checks';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
const TOOL_PORT = Number(process.env.E2E_PORT ?? '8123');
const PLATFORM_PORT = TOOL_PORT + 1;
const TOOL = `http://127.0.0.1:${TOOL_PORT}`;
const PLATFORM = `http://localhost:${PLATFORM_PORT}`;
const COURSE_TITLE = 'Shop-Floor Sensors: A Quick Tour';
const FIRST_LESSON = 'A Proximity Switch at Work';

// Chromium with third-party cookies blocked (as Chrome's tracking protection does): the tool's
// frame may neither set nor read a cookie.
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--test-third-party-cookie-phaseout',
      '--disable-features=ThirdPartyStoragePartitioning',
    ],
  },
});

let platform: ChildProcess | undefined;

/** The database scripts/e2e-server.sh serves (a fresh `<name>_e2e`, or the SQLite file). */
function e2eDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) return `sqlite:///${REPOSITORY}var/e2e.sqlite3`;
  const cut = url.lastIndexOf('/');
  return `${url.slice(0, cut)}/${url.slice(cut + 1)}_e2e`;
}

function registerPlatform(registration: Record<string, string>): void {
  execFileSync(
    `${REPOSITORY}.venv/bin/python`,
    [
      'manage.py',
      'lti_register_platform',
      '--organisation=rhine-valley-tu',
      `--issuer=${registration.issuer}`,
      `--client-id=${registration.client_id}`,
      `--deployment-id=${registration.deployment_id}`,
      `--auth-url=${registration.auth_url}`,
      `--token-url=${registration.token_url}`,
      `--jwks-url=${registration.jwks_url}`,
    ],
    {
      cwd: REPOSITORY,
      env: { ...process.env, DJANGO_DEBUG: 'true', DATABASE_URL: e2eDatabaseUrl() },
      stdio: 'pipe',
    },
  );
}

test.beforeAll(async () => {
  platform = spawn(
    `${REPOSITORY}.venv/bin/python`,
    [
      '-m',
      'tests.lti.platform_server',
      `--port=${PLATFORM_PORT}`,
      '--host=localhost',
      `--tool=${TOOL}`,
    ],
    { cwd: REPOSITORY, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    platform?.stdout?.once('data', () => {
      resolve();
    });
    platform?.once('exit', (code) => {
      reject(new Error(`test platform exited (${String(code)})`));
    });
  });
  const answer = await fetch(`http://127.0.0.1:${PLATFORM_PORT}/registration`);
  registerPlatform((await answer.json()) as Record<string, string>);
});

test.afterAll(() => {
  platform?.kill();
});

async function openLmsCourse(page: Page, query = '') {
  await page.goto(`${PLATFORM}/course${query}`);
  return page.frameLocator('#tool');
}

const LAUNCH_URL = `${TOOL}/lti/launch/`;

/** Whether `body` is the platform's id_token form post (not the tool's own, with the proof). */
function isPlatformLaunchPost(method: string, url: string, body: string | null): boolean {
  return method === 'POST' && url === LAUNCH_URL && !(body ?? '').includes('lti_storage_proof');
}

/** Another browser (a context of its own: no cookies, no LMS storage) posts `body`, as a page
 * of someone else's site would, top-level to the tool's launch URL. */
async function postFromAnotherBrowser(browser: Browser, body: string): Promise<Page> {
  const other = await browser.newContext();
  const page = await other.newPage();
  await page.evaluate(
    ({ action, fields }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = action;
      for (const [name, value] of fields) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    },
    { action: LAUNCH_URL, fields: [...new URLSearchParams(body)] },
  );
  return page;
}

test('a learner launches from the LMS frame and studies in ICIM Academy without a second account', async ({
  page,
  browser,
}) => {
  const captured: { launchPost: string | null } = { launchPost: null };
  page.on('request', (request) => {
    if (
      captured.launchPost === null &&
      isPlatformLaunchPost(request.method(), request.url(), request.postData())
    ) {
      captured.launchPost = request.postData();
    }
  });
  const frame = await openLmsCourse(page);
  const open = frame.getByRole('link', { name: 'Open in ICIM Academy' });
  await expect(open).toBeVisible();
  // The login stored its secret in the LMS's storage frame and the launch read it back.
  const storageLog = page.locator('#storage-log');
  await expect(storageLog.getByText('lti.put_data answered')).toBeVisible();
  await expect(storageLog.getByText('lti.get_data answered')).toBeVisible();
  // The frame is cross-site and can store no cookie (third-party cookies are blocked, and this
  // Chromium refuses the probe over plain http even without the flag): the launch needed none.
  const toolFrame = page.frames().find((candidate) => candidate.url().startsWith(TOOL));
  if (toolFrame === undefined) throw new Error('the tool is not framed');
  const cookieStored = await toolFrame.evaluate(() => {
    document.cookie = 'probe=1; SameSite=None; Secure; Path=/';
    return document.cookie.includes('probe=1');
  });
  expect(cookieStored).toBe(false);
  await screenshot(page, 'lti-learner-frame');
  const ticketUrl = await open.getAttribute('href');

  const [course] = await Promise.all([page.waitForEvent('popup'), open.click()]);

  await expect(course).toHaveURL(new RegExp(`^${TOOL}/learn/\\d+`));
  await expect(course.getByRole('heading', { name: FIRST_LESSON })).toBeVisible();
  await screenshot(course, 'lti-learner-course');

  // The one-time link does not open twice.
  const reused = await course.context().newPage();
  await reused.goto(ticketUrl ?? '');
  await expect(reused.getByText('This link has expired or was already used')).toBeVisible();

  // The platform's form post, replayed in another browser, finds its login spent.
  expect(captured.launchPost).not.toBeNull();
  const replay = await postFromAnotherBrowser(browser, captured.launchPost ?? '');
  await expect(replay.getByText('This launch has expired or was already used')).toBeVisible();
  await replay.context().close();
});

test('a launch posted into another browser than the one that started its login is refused', async ({
  page,
  browser,
}) => {
  // The learner's own launch is stopped on its way to the tool: its login is still unspent.
  const captured: { launchPost: string | null } = { launchPost: null };
  await page.route(LAUNCH_URL, async (route) => {
    const request = route.request();
    if (
      captured.launchPost === null &&
      isPlatformLaunchPost(request.method(), request.url(), request.postData())
    ) {
      captured.launchPost = request.postData();
      await route.abort();
      return;
    }
    await route.continue();
  });
  await openLmsCourse(page);
  await expect.poll(() => captured.launchPost).not.toBeNull();
  await expect(page.locator('#storage-log').getByText('lti.put_data answered')).toBeVisible();

  // Posted in another browser (as a page of someone else's site would), the launch cannot read
  // the login's secret back from that browser's LMS storage: refused, nothing opened.
  const other = await postFromAnotherBrowser(browser, captured.launchPost ?? '');

  await expect(
    other.getByText('This launch could not be confirmed as started in this browser'),
  ).toBeVisible();
  await expect(other.getByRole('link', { name: 'Open in ICIM Academy' })).toHaveCount(0);
  await screenshot(other, 'lti-launch-in-another-browser');
  await other.context().close();
});

test('the instructor sees the class and its progress in the LMS frame', async ({ page }) => {
  const frame = await openLmsCourse(page, '?role=instructor');

  await expect(frame.getByRole('heading', { name: COURSE_TITLE })).toBeVisible();
  await expect(frame.getByRole('heading', { name: 'Class progress' })).toBeVisible();
  await expect(frame.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  await screenshot(page, 'lti-instructor-frame');
});

test('a teacher adds an ICIM Academy course through deep linking', async ({ page }) => {
  const frame = await openLmsCourse(page, '?role=instructor&deep=1');

  await frame.getByRole('radio', { name: COURSE_TITLE, exact: true }).check();
  await screenshot(page, 'lti-deep-link-picker');
  await frame.getByRole('button', { name: 'Add to my course' }).click();

  await expect(frame.getByText('Content added')).toBeVisible();
});
