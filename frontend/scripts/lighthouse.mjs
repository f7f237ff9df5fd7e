// Lighthouse (mobile profile, as shipped) on the six pages of the performance budget, run in
// Debian's Chromium against a running server: home, catalog, a course page, a lesson, a
// verification page and the institution dashboard, each RUNS times; writes the median scores.
// `make bench` starts the server with the production settings (tests/benchmarks/bench_lighthouse.py);
// by hand: `node scripts/lighthouse.mjs --base-url http://127.0.0.1:8000 [--out file.json]`.
// The lesson and the dashboard are signed in as demo accounts (devdata/accounts.py).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const { values: options } = parseArgs({
  options: {
    'base-url': { type: 'string', default: 'http://127.0.0.1:8000' },
    out: {
      type: 'string',
      default: new URL('../../var/bench/lighthouse.json', import.meta.url).pathname,
    },
    runs: { type: 'string', default: '3' },
    only: { type: 'string', default: '' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});
const BASE_URL = options['base-url'].replace(/\/$/, '');
const RUNS = Number(options.runs);
const MAX_RETRIES = 3;
const DEMO_PASSWORD = 'icim-demo-2026';
const LEARNER = 'learner@icim.example';
const INSTITUTION_ADMIN = 'staff-admin@icim.example';
/** The issue's budgets, per category (scores 0–100). */
export const BUDGETS = {
  performance: 95,
  accessibility: 100,
  'best-practices': 100,
  seo: 95,
};
const CATEGORIES = Object.keys(BUDGETS);
const METRICS = {
  'first-contentful-paint': 'fcp_ms',
  'largest-contentful-paint': 'lcp_ms',
  'total-blocking-time': 'tbt_ms',
  'cumulative-layout-shift': 'cls',
  'speed-index': 'speed_index_ms',
};

function cookiesOf(response, jar) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, ...value] = pair.split('=');
    jar.set(name.trim(), value.join('='));
  }
}

const cookieHeader = (jar) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

/** A session of a demo account, as the cookies the browser would hold after signing in. */
async function signIn(email) {
  const jar = new Map();
  cookiesOf(await fetch(`${BASE_URL}/api/v1/auth/csrf`), jar);
  const response = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Cookie: cookieHeader(jar),
      Origin: BASE_URL,
      Referer: `${BASE_URL}/login`,
      'X-CSRFToken': jar.get('csrftoken') ?? '',
    },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`signing in as ${email}: ${String(response.status)}`);
  cookiesOf(response, jar);
  return jar;
}

async function getJson(path, jar) {
  const response = await fetch(`${BASE_URL}${path}`, {
    headers: { Accept: 'application/json', ...(jar ? { Cookie: cookieHeader(jar) } : {}) },
  });
  if (!response.ok) throw new Error(`GET ${path}: ${String(response.status)}`);
  return response.json();
}

const results = (page) => page.results ?? page;

/** The six pages, with the demo data's first course, enrolment and certificate. */
async function pages() {
  const learner = await signIn(LEARNER);
  const institutionAdmin = await signIn(INSTITUTION_ADMIN);
  const courses = results(await getJson('/api/v1/courses/?lang=en'));
  const enrollments = results(await getJson('/api/v1/enrollments/', learner));
  const certificates = results(await getJson('/api/v1/certificates/', learner));
  const inProgress = enrollments.find((enrollment) => enrollment.status !== 'completed');
  if (!courses.length || !inProgress || !certificates.length)
    throw new Error('the demo data is missing: run `manage.py seed_demo` first');
  return [
    { name: 'home', path: '/' },
    { name: 'catalog', path: '/courses' },
    { name: 'course', path: `/courses/${courses[0].slug}` },
    { name: 'lesson', path: `/learn/${String(inProgress.id)}`, session: learner },
    { name: 'verification', path: `/verify/${String(certificates[0].id)}` },
    { name: 'dashboard', path: '/studio/analytics', session: institutionAdmin },
  ];
}

const median = (values) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** What each failing audit of the last run says, so a report can point at the cause. */
function failingAudits(lhr) {
  const failing = [];
  for (const category of Object.values(lhr.categories)) {
    for (const reference of category.auditRefs) {
      const audit = lhr.audits[reference.id];
      if (reference.weight > 0 && audit.score !== null && audit.score < 0.9)
        failing.push({
          category: category.id,
          id: audit.id,
          score: audit.score,
          value: audit.displayValue ?? '',
          // What the audit names (a console message, an element, a file), the first few.
          items: (audit.details?.items ?? [])
            .slice(0, 3)
            .map((item) => item.description ?? item.node?.snippet ?? item.url ?? item.source ?? ''),
        });
    }
  }
  return failing;
}

async function measure(chrome, page) {
  const runs = [];
  // A run whose trace Chromium failed to record (NO_NAVSTART, NO_FCP on a loaded machine) is
  // run again, at most MAX_RETRIES times per page; a page that keeps failing stops the script.
  let retries = 0;
  while (runs.length < RUNS) {
    if (page.session) await coldStartSignedIn(page.session);
    const result = await lighthouse(
      `${BASE_URL}${page.path}`,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
        // Lighthouse's own reset would also clear the session's cookies: coldStartSignedIn
        // does the same without them.
        disableStorageReset: Boolean(page.session),
      },
      // The default configuration: the mobile profile with its simulated throttling.
      undefined,
    );
    const { lhr } = result;
    if (lhr.runtimeError) {
      retries += 1;
      console.warn(`${page.path}: ${lhr.runtimeError.code}, running again`);
      if (retries > MAX_RETRIES) throw new Error(`${page.path}: ${lhr.runtimeError.message}`);
      continue;
    }
    runs.push(lhr);
  }
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [
      id,
      median(runs.map((lhr) => Math.round((lhr.categories[id].score ?? 0) * 100))),
    ]),
  );
  const metrics = Object.fromEntries(
    Object.entries(METRICS).map(([id, name]) => [
      name,
      median(runs.map((lhr) => lhr.audits[id].numericValue ?? 0)),
    ]),
  );
  const last = runs[runs.length - 1];
  return {
    name: page.name,
    path: page.path,
    scores,
    runs: runs.map((lhr) =>
      Object.fromEntries(
        CATEGORIES.map((id) => [id, Math.round((lhr.categories[id].score ?? 0) * 100)]),
      ),
    ),
    metrics,
    lcp_element:
      last.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node
        ?.snippet ?? '',
    failing: failingAudits(last),
  };
}

/**
 * What Lighthouse's storage reset does before a run (empty HTTP cache, no stored data for the
 * site), but with the session's cookies in the browser's cookie store: a header with the cookies
 * (Lighthouse's extraHeaders) is dropped by Chromium as soon as the page sets a cookie itself.
 */
async function coldStartSignedIn(jar) {
  const client = await (await browser.pages())[0].createCDPSession();
  await client.send('Network.clearBrowserCache');
  await client.send('Storage.clearDataForOrigin', {
    origin: BASE_URL,
    storageTypes: 'local_storage,session_storage,indexeddb,cache_storage,service_workers',
  });
  await client.send('Network.clearBrowserCookies');
  await client.send('Network.setCookies', {
    cookies: [...jar].map(([name, value]) => ({ name, value, url: BASE_URL })),
  });
  await client.detach();
}

const chrome = await chromeLauncher.launch({
  chromePath: options.chromium,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${String(chrome.port)}` });
const measured = [];
// The full version: the user agent string of Chromium reduces it to 156.0.0.0.
const chromiumVersion = await browser.version();
try {
  const wanted = options.only.split(',').filter(Boolean);
  for (const page of await pages()) {
    if (wanted.length && !wanted.includes(page.name)) continue;
    const result = await measure(chrome, page);
    measured.push(result);
    console.log(
      `${page.name.padEnd(13)} ${CATEGORIES.map((id) => `${id} ${String(result.scores[id])}`).join(', ')}` +
        `  (runs: ${result.runs.map((run) => run.performance).join('/')}; LCP ${Math.round(result.metrics.lcp_ms)} ms, CLS ${result.metrics.cls.toFixed(3)})`,
    );
  }
} finally {
  await browser.disconnect();
  await chrome.kill();
}

const [load1, load5, load15] = (await import('node:os')).loadavg();
const output = {
  lighthouse: (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version,
  chromium: chromiumVersion.replace(/^\D*/, ''),
  base_url: BASE_URL,
  runs: RUNS,
  load_average: [load1, load5, load15].map((value) => Number(value.toFixed(2))),
  budgets: BUDGETS,
  pages: measured,
};
mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(options.out, `${JSON.stringify(output, null, 2)}\n`);
const missed = measured.flatMap((page) =>
  CATEGORIES.filter((id) => page.scores[id] < BUDGETS[id]).map((id) => `${page.name} ${id}`),
);
console.log(missed.length ? `Below budget: ${missed.join(', ')}` : 'Every page meets its budgets.');
