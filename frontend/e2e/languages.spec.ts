// Every UI language once, as a stranger would go: a course page, a quiz and its result, the
// verification page and an institution page, with screenshots; and a language switch on the
// verification page that renews the check labels the API wrote, without a reload.
import { expect, test, type Page } from '@playwright/test';

import { BASE_URL, demoCertificate } from './support/api';
import { linkFromEmail } from './support/mailbox';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

/** seed_demo issues Zhang Wei's certificate for this course (devdata/enrollment.py). */
const DEMO_LEARNER = 'learner@icim.example';
const DEMO_COURSE = 'lean-smart-factory-operations';
/** In Chinese and English only: German and Arabic readers are told it is shown in another one. */
const QUIZ_COURSE = 'machine-vision-quality-inspection';
const INSTITUTION = 'rhine-valley-tu';

const LANGUAGES = ['en', 'de', 'zh-Hans', 'ar'] as const;
type Language = (typeof LANGUAGES)[number];

/** What each language must show; the point is that nothing stays English or raw. */
const EXPECTED: Record<
  Language,
  {
    direction: string;
    firstCheck: RegExp;
    /** Of the demo certificate's institution (Kansai College, Japan). */
    country: string;
    otherLanguage: RegExp | null;
  }
> = {
  en: {
    direction: 'ltr',
    firstCheck: /^Issued by ICIM Academy/,
    country: 'Japan',
    otherLanguage: null,
  },
  de: {
    direction: 'ltr',
    firstCheck: /^Von der ICIM Academy ausgestellt/,
    country: 'Japan',
    otherLanguage: /angezeigt auf (Englisch|Chinesisch)/,
  },
  'zh-Hans': {
    direction: 'ltr',
    firstCheck: /^由 ICIM Academy 颁发/,
    country: '日本',
    otherLanguage: null,
  },
  ar: {
    direction: 'rtl',
    firstCheck: /^صادرة عن ICIM Academy/,
    country: 'اليابان',
    otherLanguage: /تُعرض باللغة (الإنجليزية|الصينية)/,
  },
};

function uniqueEmail(language: Language): string {
  return `e2e-intl-${language.toLowerCase()}-${Date.now().toString(36)}@example.org`;
}

/** A stranger: a new account signed in in this browser, in `language`, enrolled in the course. */
async function registerAndEnrol(page: Page, language: Language): Promise<string> {
  await page.request.get(`${BASE_URL}/api/v1/auth/csrf`);
  const csrf = async () =>
    (await page.context().storageState()).cookies.find((cookie) => cookie.name === 'csrftoken')
      ?.value ?? '';
  const email = uniqueEmail(language);
  const register = await page.request.post(`${BASE_URL}/api/v1/auth/register`, {
    data: {
      email,
      password: 'Digital-Twin-Lathe-2026!',
      full_name: 'Ada Lovelace',
      preferred_language: language === 'zh-Hans' ? 'zh-hans' : language,
    },
    headers: { 'X-CSRFToken': await csrf() },
  });
  expect(register.status()).toBe(202);
  // The link from the e-mail confirms the address and signs this browser in.
  const token = new URL(await linkFromEmail(email, '/confirm-email'), BASE_URL).searchParams.get(
    'token',
  );
  const confirm = await page.request.post(`${BASE_URL}/api/v1/auth/confirm-email`, {
    data: { token },
    headers: { 'X-CSRFToken': await csrf() },
  });
  expect(confirm.ok()).toBe(true);
  const enrol = await page.request.post(`${BASE_URL}/api/v1/enrollments/`, {
    data: { course: QUIZ_COURSE },
    headers: { 'X-CSRFToken': await csrf() },
  });
  expect(enrol.ok()).toBe(true);
  const enrollment = (await enrol.json()) as { id: number };
  const course = (await (
    await page.request.get(`${BASE_URL}/api/v1/courses/${QUIZ_COURSE}/`)
  ).json()) as { modules: { lessons: { key: string; kind: string }[] }[] };
  const quiz = course.modules.flatMap((module) => module.lessons).find((l) => l.kind === 'quiz');
  if (!quiz) throw new Error(`${QUIZ_COURSE} has no quiz`);
  return `/learn/${String(enrollment.id)}/${quiz.key}`;
}

/** Answer every question (so no warning about unanswered ones), the numbers wrongly. */
async function answerEveryQuestion(page: Page) {
  for (const fieldset of await page.locator('.quiz__form fieldset').all()) {
    const textbox = fieldset.getByRole('textbox');
    if ((await textbox.count()) > 0) {
      await textbox.fill('1120');
      continue;
    }
    await fieldset.locator('input').first().check();
  }
}

for (const language of LANGUAGES) {
  test(`a stranger's tour in ${language}`, async ({ page }) => {
    test.setTimeout(120_000);
    const expected = EXPECTED[language];
    await page.addInitScript((chosen) => {
      window.localStorage.setItem('icim.language', chosen);
    }, language);
    const { id } = await demoCertificate(DEMO_LEARNER, DEMO_COURSE);

    // The course page: facts, competencies, institutions linked to their pages.
    await page.goto(`/courses/${QUIZ_COURSE}`);
    await expect(page.locator('html')).toHaveAttribute('dir', expected.direction);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (expected.otherLanguage)
      await expect(page.locator('.course-languages__other')).toHaveText(expected.otherLanguage);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, `intl-course-${language}`);

    // The verification page: every check label in this language.
    await page.goto(`/verify/${id}`);
    await expect(page.getByTestId('verification-status')).toBeVisible();
    await expect(page.locator('.checklist__label').first()).toHaveText(expected.firstCheck);
    await expect(page.locator('.verification .facts')).toContainText(expected.country);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, `intl-verify-${language}`);

    // The institution page the credential links to.
    await page.locator('.verification .facts').getByRole('link').first().click();
    await expect(page).toHaveURL(/\/institutions\/[a-z0-9-]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.course-grid > li').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, `intl-institution-${language}`);
    await expect(page.locator('.institution-facts')).toContainText(expected.country);
    await page.goto(`/institutions/${INSTITUTION}`);
    await expect(page.locator('.course-grid > li').first()).toBeVisible();
    await screenshot(page, `intl-institution-rhine-${language}`);

    // A quiz, answered and graded: numbers as this language writes them, never "1120.000000".
    await page.goto(await registerAndEnrol(page, language));
    await expect(page.locator('.quiz__form')).toBeVisible();
    await answerEveryQuestion(page);
    await screenshot(page, `intl-quiz-${language}`);
    await page.locator('.quiz__form button[type="submit"]').click();
    await expect(page.locator('.quiz-result')).toBeVisible();
    await expect(page.locator('.quiz-result')).not.toContainText('.000000');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, `intl-quiz-result-${language}`);
  });
}

test('switching language on the verification page renews its check labels without a reload', async ({
  page,
}) => {
  const { id } = await demoCertificate(DEMO_LEARNER, DEMO_COURSE);
  await page.addInitScript(() => {
    window.localStorage.setItem('icim.language', 'en');
  });
  await page.goto(`/verify/${id}`);
  const labels = page.locator('.checklist__label');
  await expect(labels.first()).toHaveText(/^Issued by ICIM Academy/);
  const english = await labels.allTextContents();
  // A reload would lose this mark.
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  await page.getByLabel('Language', { exact: true }).selectOption('de');

  await expect(
    page.getByRole('heading', { level: 2, name: 'Durchgeführte Prüfungen' }),
  ).toBeVisible();
  await expect(labels.first()).not.toHaveText(english[0] ?? '');
  const german = await labels.allTextContents();
  expect(german).toHaveLength(english.length);
  for (const [index, label] of german.entries()) expect(label).not.toBe(english[index]);
  expect(
    await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
  ).toBe(true);
  await screenshot(page, 'intl-verify-switched-de');
});
