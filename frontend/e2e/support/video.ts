// The lesson player's media element in a journey.
import { expect, type Locator } from '@playwright/test';

/** Waits until the media element knows its clip (metadata loaded), and answers its length in
 * seconds. */
export async function videoDuration(video: Locator): Promise<number> {
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState), {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(1);
  return video.evaluate((element: HTMLVideoElement) => element.duration);
}
