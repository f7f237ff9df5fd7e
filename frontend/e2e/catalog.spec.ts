// The learner's catalog journey through the real backend and its demo courses (seed_demo).
import { expect, test } from '@playwright/test';

import { catalogCount } from './support/api';

const PLC_TITLE_EN = 'PLC Programming with IEC 61131-3';
const PLC_TITLE_DE = 'SPS-Programmierung nach IEC 61131-3';

test.describe('course catalog', () => {
  test('a learner searches, opens a course, reads it in German and filters by level', async ({
    page,
  }) => {
    const total = await catalogCount();
    const beginners = await catalogCount('level=beginner');
    // The demo data has a few beginner courses among more: the filter must narrow the list.
    expect(beginners).toBeGreaterThan(1);
    expect(beginners).toBeLessThan(total);
    await page.goto('/');
    await page.getByLabel('Language', { exact: true }).selectOption('en');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Courses' })
      .click();

    await expect(page).toHaveURL(/\/courses$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Course catalog' })).toBeVisible();
    const count = page.getByRole('status');
    await expect(count).toHaveText(`${String(total)} courses`);

    await page.getByRole('searchbox', { name: 'Search courses' }).fill('PLC');
    await expect(page).toHaveURL(/\/courses\?search=PLC$/);
    await expect(count).not.toHaveText(`${String(total)} courses`);
    const card = page.getByRole('article', { name: PLC_TITLE_EN });
    await expect(card).toBeVisible();
    await expect(card.getByText('Available in: English, German')).toBeVisible();
    await expect(card.getByText('Rhine Valley Technical University')).toBeVisible();

    await card.getByRole('link', { name: PLC_TITLE_EN }).click();

    await expect(page).toHaveURL(/\/courses\/plc-iec-61131-3$/);
    await expect(page.getByRole('heading', { level: 1, name: PLC_TITLE_EN })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Course outline' })).toBeVisible();
    await expect(
      page.getByRole('heading', { level: 3, name: 'PLC Fundamentals and the Scan Cycle' }),
    ).toBeVisible();
    // Anonymous visitors are asked to log in before they can enrol.
    await expect(page.getByRole('link', { name: 'Log in to enrol' })).toHaveAttribute(
      'href',
      '/login?next=%2Fcourses%2Fplc-iec-61131-3',
    );

    await page.getByLabel('Language', { exact: true }).selectOption('de');

    await expect(page.getByRole('heading', { level: 1, name: PLC_TITLE_DE })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Kursaufbau' })).toBeVisible();
    await expect(
      page.getByRole('heading', { level: 3, name: 'SPS-Grundlagen und Zyklusbetrieb' }),
    ).toBeVisible();

    // Back to the same search, now in German.
    await page.getByRole('link', { name: 'Zurück zum Katalog' }).click();
    await expect(page).toHaveURL(/\/courses\?search=PLC$/);
    await expect(page.getByRole('searchbox', { name: 'Kurse durchsuchen' })).toHaveValue('PLC');
    await expect(page.getByRole('article', { name: PLC_TITLE_DE })).toBeVisible();

    await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    await expect(count).toHaveText(`${String(total)} Kurse`);
    await page.getByLabel('Niveau', { exact: true }).selectOption('beginner');

    await expect(page).toHaveURL(/\/courses\?level=beginner$/);
    await expect(count).toHaveText(`${String(beginners)} Kurse`);
    await expect(page.getByRole('article')).toHaveCount(beginners);
    await expect(page.getByRole('article', { name: PLC_TITLE_DE })).toBeVisible();

    // The browser's Back button undoes the filter.
    await page.goBack();
    await expect(page).toHaveURL(/\/courses$/);
    await expect(count).toHaveText(`${String(total)} Kurse`);
  });

  test('an unknown course shows a 404 page with the way back to the catalog', async ({ page }) => {
    const total = await catalogCount();
    await page.goto('/courses/no-such-course');
    await page.getByLabel('Language', { exact: true }).selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Course not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Browse the catalog' }).click();
    await expect(page.getByRole('status')).toHaveText(`${String(total)} courses`);
  });
});
