// A new learner takes the short demo course with two real videos end to end: registers, opens a
// preview lesson before enrolling, enrols, plays each video for real to its end at double speed
// (chosen in the speed select, started with the player's own key), reads the text, passes the
// quiz and gets the certificate, then opens its verification page. On the first video the
// captions show in English and then, as the learner picks them, in German. Nothing is faked: the
// server decides each video watched from the stretches the player reported. Needs the demo
// videos (E2E_DEMO_VIDEOS=1, scripts/e2e-server.sh).
import { expect, test, type Page } from '@playwright/test';

import { linkFromEmail } from './support/mailbox';
import { demoCourse } from './support/demo-course';
import { answerCorrectly, quizKey } from './support/quiz-key';
import { videoDuration } from './support/video';

const COURSE_SLUG = 'shop-floor-sensors-quick-tour';
const COURSE_TITLE = 'Shop-Floor Sensors: A Quick Tour';
const LESSON_COUNT = 4;
const PASSWORD = 'Sensor-journey-2026!';

test.skip(!process.env.E2E_DEMO_VIDEOS, 'the server makes demo videos only with E2E_DEMO_VIDEOS=1');
// Two clips of about 25 s at double speed, registration, the quiz and the certificate.
test.setTimeout(180_000);

/** The sentences of the first video's transcript in `language`: what its captions say. */
function spokenSentences(language: string): string[] {
  const course = demoCourse(COURSE_SLUG) as {
    modules: {
      lessons: { kind: string; translations: Record<string, { transcript?: string }> }[];
    }[];
  };
  const video = course.modules.flatMap((module) => module.lessons).find((l) => l.kind === 'video');
  const transcript = video?.translations[language]?.transcript ?? '';
  return transcript
    .split(/(?<=[.!?])\s+|(?<=[。！？])/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** The language and text of the caption cue the browser shows now ('' when none). */
function shownCaption(page: Page) {
  return page.locator('video').evaluate((element: HTMLVideoElement) => {
    const track = Array.from(element.textTracks).find((candidate) => candidate.mode === 'showing');
    const cue = track?.activeCues?.[0] as VTTCue | undefined;
    return { language: track?.language ?? '', text: cue?.text ?? '' };
  });
}

/** Waits until the browser shows a caption in `language` that the transcript in it says. */
async function expectCaptionSpoken(page: Page, language: string) {
  const sentences = spokenSentences(language);
  await expect
    .poll(async () => {
      const shown = await shownCaption(page);
      return shown.language === language && sentences.includes(shown.text);
    })
    .toBe(true);
}

/** While the first video plays: its captions in English, then, chosen by the learner, in German. */
async function checkCaptionsInTwoLanguages(page: Page) {
  const captions = page.getByLabel('Captions', { exact: true });
  // A track in each of the course's languages, named in the reader's language.
  expect(
    await captions
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value)),
  ).toEqual(['off', 'en', 'de', 'zh-hans']);
  await expect(captions.locator('option[value="de"]')).toHaveText('German');
  await expectCaptionSpoken(page, 'en');
  await captions.selectOption('de');
  await expectCaptionSpoken(page, 'de');
  // Remembered for the next video, as the learner chose it.
  await captions.selectOption('en');
}

/** Plays the lesson's video from where it stands to its end, at double speed, as a learner does:
 * the speed from the select, sound off with m and play with k on the focused player. */
async function playToTheEnd(page: Page, { checkCaptions = false } = {}) {
  const video = page.locator('video');
  const duration = await videoDuration(video);
  expect(duration).toBeGreaterThan(10);
  expect(duration).toBeLessThan(30);
  await page.getByLabel('Speed', { exact: true }).selectOption('2');
  const player = page.getByRole('group', { name: /^Video player:/ });
  await player.focus();
  await page.keyboard.press('m');
  await page.keyboard.press('k');
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.playbackRate))
    .toBe(2);
  if (checkCaptions) await checkCaptionsInTwoLanguages(page);
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.ended), {
      timeout: 45_000,
      intervals: [1_000],
    })
    .toBe(true);
}

test('a new learner plays both videos of a short course to the end and gets the certificate', async ({
  page,
}) => {
  const started = Date.now();
  const email = `sensors-${String(Date.now())}@example.org`;
  await page.goto('/register');
  await page.getByLabel('Language', { exact: true }).selectOption('en');
  await page.getByLabel('E-mail address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Full name (as on certificates)', { exact: true }).fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your inbox' })).toBeVisible();
  await page.goto(await linkFromEmail(email, '/confirm-email'));
  await expect(page).toHaveURL(/\/profile$/);

  // The course page tells the truth about its clips, and its first video is a preview.
  await page.goto(`/courses/${COURSE_SLUG}`);
  await expect(page.getByRole('heading', { level: 1, name: COURSE_TITLE })).toBeVisible();
  await expect(page.locator('.lesson--video').first()).toContainText('1 min');
  await page.getByRole('link', { name: 'Preview: A Proximity Switch at Work' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'A Proximity Switch at Work' }),
  ).toBeVisible();
  await expect(page.locator('video')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the course' }).first().click();

  await page.getByRole('button', { name: 'Enrol in this course' }).click();
  await expect(page).toHaveURL(/\/learn\/\d+\/[0-9a-f-]{36}$/);
  const progressBar = page.getByRole('progressbar', { name: 'Progress' });
  await expect(progressBar).toHaveAttribute('aria-valuenow', '0');

  let hasCheckedCaptions = false;
  for (let lesson = 1; lesson <= LESSON_COUNT; lesson += 1) {
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const markComplete = page.getByRole('button', { name: 'Mark as complete' });
    const quiz = page.getByRole('heading', { level: 2, name: 'Quiz' });
    await expect(markComplete.or(quiz).or(page.locator('video'))).toBeVisible();
    if (await page.locator('video').isVisible()) {
      await playToTheEnd(page, { checkCaptions: !hasCheckedCaptions });
      hasCheckedCaptions = true;
      await expect(page.getByText('You have watched this video.')).toBeVisible();
    } else if (await markComplete.isVisible()) {
      await markComplete.click();
      await expect(page.getByText('You have completed this lesson.')).toBeVisible();
    } else {
      await answerCorrectly(page, quizKey(COURSE_SLUG));
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await expect(page.getByRole('heading', { level: 3, name: 'Passed' })).toBeVisible();
    }
    await expect(page.locator('.lesson-nav [aria-current="page"]')).toHaveClass(
      /lesson-nav__link--done/,
    );
    if (lesson < LESSON_COUNT) await page.getByRole('link', { name: 'Next lesson' }).click();
  }

  await expect(progressBar).toHaveAttribute('aria-valuenow', '100');
  const certificateStatus = page.getByRole('status').filter({ hasText: /Your certificate is/ });
  await expect(certificateStatus).toContainText('Your certificate is ready.', { timeout: 30_000 });

  await page.getByRole('link', { name: 'See your certificate' }).click();
  const enrollment = page.getByRole('article', { name: COURSE_TITLE });
  const verifyLink = enrollment.getByRole('link', { name: 'Open the verification page' });
  await expect(verifyLink).toBeVisible({ timeout: 30_000 });
  await verifyLink.click();
  await expect(page).toHaveURL(/\/verify\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('verification-status')).toHaveText('Valid');
  await expect(page.getByText(COURSE_TITLE)).toBeVisible();
  console.log(`video course journey: ${String(Math.round((Date.now() - started) / 1000))} s`);
});
