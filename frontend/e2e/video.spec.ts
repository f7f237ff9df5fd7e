// A demo learner watches a generated demo video: the HLS playlist through hls.js in Debian's
// Chromium, really played (no faked events), at double speed, and the watched stretch reported.
// Needs the demo videos: the server makes them with E2E_DEMO_VIDEOS=1 (scripts/e2e-server.sh).
import { expect, test } from '@playwright/test';

import { BASE_URL, DEMO_PASSWORD } from './support/api';
import { videoDuration } from './support/video';

/** accounts/demo.py, enrollment/demo.py: Lena Hoffmann is halfway through this course. */
const LEARNER = 'learner.de@icim.example';
const COURSE = 'plc-iec-61131-3';

test.skip(!process.env.E2E_DEMO_VIDEOS, 'the server makes demo videos only with E2E_DEMO_VIDEOS=1');

// Chromium plays HLS itself (the player then sets the playlist as the source); hls.js plays it
// where a browser cannot (Firefox): the second run hides Chromium's own HLS support to use it.
for (const player of ['native', 'hls.js'] as const) {
  test(`a learner plays a demo video (${player}) at double speed and the watched stretch is reported`, async ({
    page,
  }) => {
    if (player === 'hls.js') {
      await page.addInitScript(() => {
        const probe = document.createElement('video');
        const canPlayType = probe.canPlayType.bind(probe);
        HTMLMediaElement.prototype.canPlayType = (type: string) =>
          type.includes('mpegurl') ? '' : canPlayType(type);
      });
    }
    // Signed in in this browser, at the course's first video lesson.
    await page.request.get(`${BASE_URL}/api/v1/auth/csrf`);
    const csrf = async () =>
      (await page.context().storageState()).cookies.find((cookie) => cookie.name === 'csrftoken')
        ?.value ?? '';
    const login = await page.request.post(`${BASE_URL}/api/v1/auth/login`, {
      data: { email: LEARNER, password: DEMO_PASSWORD },
      headers: { 'X-CSRFToken': await csrf() },
    });
    expect(login.ok(), await login.text()).toBe(true);
    // Enrolling is idempotent: the enrolment the demo data made.
    const enrol = await page.request.post(`${BASE_URL}/api/v1/enrollments/`, {
      data: { course: COURSE },
      headers: { 'X-CSRFToken': await csrf() },
    });
    expect(enrol.ok()).toBe(true);
    const enrollment = (await enrol.json()) as { id: number };
    const course = (await (
      await page.request.get(`${BASE_URL}/api/v1/courses/${COURSE}/`)
    ).json()) as { modules: { lessons: { key: string; kind: string }[] }[] };
    const lesson = course.modules
      .flatMap((module) => module.lessons)
      .find((l) => l.kind === 'video');
    if (!lesson) throw new Error(`${COURSE} has no video lesson`);
    await page.goto(`/learn/${String(enrollment.id)}/${lesson.key}`);

    // hls.js loads the playlist: the element knows the clip's real length.
    const video = page.locator('video');
    await expect(video).toBeVisible();
    const duration = await videoDuration(video);
    expect(duration).toBeGreaterThan(10);
    expect(duration).toBeLessThan(60);
    // hls.js feeds the element through Media Source Extensions (a blob: URL the CSP allows).
    expect(await video.getAttribute('src')).toMatch(player === 'hls.js' ? /^blob:/ : /\.m3u8$/);

    // At double speed, played for real (muted, as autoplay rules allow) a few seconds, then paused.
    await page.getByLabel('Speed', { exact: true }).selectOption('2');
    expect(await video.evaluate((element: HTMLVideoElement) => element.playbackRate)).toBe(2);
    await video.evaluate((element: HTMLVideoElement) => {
      element.muted = true;
      return element.play();
    });
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), {
        timeout: 20_000,
      })
      .toBeGreaterThan(6);
    const reported = page.waitForRequest(
      (request) =>
        request.method() === 'POST' &&
        request.url().includes('/events') &&
        (request.postData() ?? '').includes('video_progress'),
    );
    await video.evaluate((element: HTMLVideoElement) => {
      element.pause();
    });

    // The watched stretch goes to the server with the clip's real length, and it answers the share.
    const request = await reported;
    const body = request.postDataJSON() as { segments: number[][]; duration: number };
    expect(body.duration).toBeCloseTo(duration, 0);
    expect(body.segments).toHaveLength(1);
    expect(body.segments[0]?.[1] ?? 0).toBeGreaterThan(6);
    const response = await request.response();
    expect(response?.ok()).toBe(true);
    await expect(page.locator('.video').getByRole('alert')).toHaveCount(0);
  });
}
