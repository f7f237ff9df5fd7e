// axe-core on the six pages Lighthouse measures in `make bench` (frontend/scripts/lighthouse.mjs):
// home, catalog, a course, a lesson, a verification page and the institution dashboard, each
// once its content has loaded, with no violation of any impact.
import { expect, test, type Page } from '@playwright/test';

import { signIn, signInPage } from './support/api';
import { expectNoA11yViolations } from './support/page-checks';

const LEARNER = 'learner@icim.example';
const INSTITUTION_ADMIN = 'staff-admin@icim.example';

interface Listing<T> {
  results: T[];
}

/** The page's own content is there: its heading, and nothing still loading. */
async function expectLoaded(page: Page): Promise<void> {
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('main .loading')).toHaveCount(0);
}

test.describe('accessibility of the pages Lighthouse measures', () => {
  test('home, catalog, a course and a verification page, anonymous', async ({ page }) => {
    const learner = await signIn(LEARNER);
    const certificates = (await learner.get('/api/v1/certificates/')) as Listing<{ id: string }>;
    const courses = (await learner.get('/api/v1/courses/?lang=en')) as Listing<{ slug: string }>;
    await learner.context.dispose();
    const [course] = courses.results;
    const [certificate] = certificates.results;
    if (!course || !certificate) throw new Error('the demo data has no course or certificate');
    for (const path of ['/', '/courses', `/courses/${course.slug}`, `/verify/${certificate.id}`]) {
      await test.step(path, async () => {
        await page.goto(path);
        await expectLoaded(page);
        await expectNoA11yViolations(page);
      });
    }
  });

  test('a lesson, signed in as a learner', async ({ page }) => {
    const learner = await signIn(LEARNER);
    const enrollments = (await learner.get('/api/v1/enrollments/')) as Listing<{
      id: number;
      status: string;
    }>;
    await learner.context.dispose();
    const inProgress = enrollments.results.find((enrollment) => enrollment.status !== 'completed');
    expect(inProgress).toBeDefined();
    await signInPage(page, LEARNER);
    await page.goto(`/learn/${String(inProgress?.id)}`);
    await expectLoaded(page);
    await expectNoA11yViolations(page);
  });

  test('the institution dashboard with its charts, signed in as its admin', async ({ page }) => {
    await signInPage(page, INSTITUTION_ADMIN);
    await page.goto('/studio/analytics');
    await expectLoaded(page);
    await expect(page.getByTestId('institution-dashboard')).toBeVisible();
    // The charts load after the figures: check them too.
    await expect(page.locator('.chart__canvas svg').first()).toBeVisible();
    await expectNoA11yViolations(page);
  });
});
