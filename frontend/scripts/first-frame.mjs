// Press-to-first-frame of a lesson video in Debian's Chromium (tests/benchmarks/bench_video.py).
// Usage: node frontend/scripts/first-frame.mjs <page URL> [runs]. Each run opens the page in a
// fresh browser context (nothing cached), waits until the player has its video's metadata, as a
// learner sees the player ready, then presses play and times until the first frame is presented
// (requestVideoFrameCallback). Prints {"milliseconds": [...]}.
import { chromium } from '@playwright/test';

const [url, runsArgument = '5'] = process.argv.slice(2);
if (!url) throw new Error('usage: first-frame.mjs <page URL> [runs]');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const milliseconds = [];
try {
  for (let run = 0; run < Number(runsArgument); run += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    const video = page.locator('video');
    await video.waitFor();
    // HAVE_METADATA (1): the player knows its video, as a learner sees it ready to play.
    await video.evaluate(
      (element) =>
        element.readyState >= 1 ||
        new Promise((resolve) =>
          element.addEventListener('loadedmetadata', resolve, { once: true }),
        ),
    );
    const elapsed = await video.evaluate(
      (element) =>
        new Promise((resolve, reject) => {
          element.muted = true; // autoplay rules: a muted video may start without a gesture
          const pressed = performance.now();
          element.requestVideoFrameCallback(() => resolve(performance.now() - pressed));
          element.play().catch(reject);
        }),
    );
    milliseconds.push(elapsed);
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ milliseconds }));
