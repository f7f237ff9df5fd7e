// Issue 25, "Bring your course": an author uploads a Common Cartridge, reads the fidelity report
// (an approximated web link, a discussion kept as a placeholder), creates the draft, finds its
// modules in the editor and exports it back as a cartridge. The report screen is also walked in
// Arabic (right to left) and Chinese, and for a Moodle backup (.mbz).
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { expect, test, type Browser, type Page } from '@playwright/test';

import { signInPage } from './support/api';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

/** devdata/accounts.py: an author of Rhine Valley Technical University. */
const AUTHOR = 'author@icim.example';
const REPOSITORY = path.resolve(import.meta.dirname, '../..');
const PYTHON = path.join(REPOSITORY, '.venv/bin/python');

const run = Date.now().toString(36);
const TITLE = `Robot Cells ${run}`;

/**
 * A cartridge with every kind the import maps or keeps as a placeholder, built by the backend
 * tests' builder from the IMS CC 1.1 and QTI 1.2 structures (tests/interchange/cartridges.py),
 * titled `title`.
 */
function buildCartridge(title: string): Buffer {
  const script = [
    'import sys',
    'from tests.interchange.cartridges import every_kind, zipped',
    'files = every_kind()',
    "files['imsmanifest.xml'] = files['imsmanifest.xml'].replace(b'Robot Cells', sys.argv[1].encode())",
    'sys.stdout.buffer.write(zipped(files))',
  ].join('\n');
  return execFileSync(PYTHON, ['-c', script, title], { cwd: REPOSITORY });
}

/**
 * A Moodle 4.x backup (tar.gz, as Moodle 2.6+ writes .mbz files) with every activity kind the
 * import maps or keeps as a placeholder, built by the backend tests' builder
 * (tests/interchange/backups.py), its course named `title`.
 */
function buildBackup(title: string): Buffer {
  const script = [
    'import sys',
    'from tests.interchange.backups import every_kind, tar_gz',
    'files = every_kind()',
    "files['course/course.xml'] = files['course/course.xml'].replace(b'<fullname>Robot Cells', b'<fullname>' + sys.argv[1].encode())",
    'sys.stdout.buffer.write(tar_gz(files))',
  ].join('\n');
  return execFileSync(PYTHON, ['-c', script, title], { cwd: REPOSITORY });
}

/** The names inside a zip file, read by Python's zipfile (which checks the archive as it reads). */
function zipNames(file: string): string[] {
  const script =
    'import json, sys, zipfile; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))';
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' })) as string[];
}

async function uploadCartridge(page: Page, title: string) {
  await page.locator('input[type="file"]').setInputFiles({
    name: 'robot-cells.imscc',
    mimeType: 'application/zip',
    buffer: buildCartridge(title),
  });
}

/** The report screen in `language`, for a look at its layout (screenshots are not committed). */
async function reportIn(browser: Browser, language: string, readyHeading: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((chosen) => {
    window.localStorage.setItem('icim.language', chosen);
  }, language);
  await signInPage(page, AUTHOR);
  await page.goto('/studio/import');
  await uploadCartridge(page, `${TITLE} ${language}`);
  await expect(page.getByRole('heading', { level: 2, name: readyHeading })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.locator('.fidelity-report__items')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, `course-import-report-${language}`);
  return { page, context };
}

test.describe('course import', () => {
  test('an author imports a cartridge, reads the report, creates the draft and exports it', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signInPage(page, AUTHOR);
    await page.goto('/studio');
    await page.getByRole('link', { name: 'Import a course' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Import a course' })).toBeVisible();
    await expect(page.getByText(/IMS Common Cartridge 1\.1, 1\.2 and 1\.3/)).toBeVisible();
    await expect(page.getByLabel('Institution that will own the course')).toHaveValue(/.+/);

    await uploadCartridge(page, TITLE);
    await expect(page.getByRole('heading', { level: 2, name: 'Ready to import' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByRole('heading', { level: 2, name: 'Ready to import' })).toBeFocused();

    // The counts by kind, then the items: the link approximated, the discussion a placeholder.
    const counts = page.getByRole('table', { name: 'What was found, by kind' });
    await expect(counts.getByRole('row', { name: /^Module/ })).toBeVisible();
    await expect(counts.getByRole('row', { name: /^Placeholder/ })).toBeVisible();
    const items = page.locator('.fidelity-report__items');
    const link = items.getByRole('row').filter({ hasText: 'Web link' });
    await expect(link.getByText('Approximated', { exact: true })).toBeVisible();
    const topic = items.getByRole('row', { name: /Introduce yourself/ });
    await expect(topic.getByText('Placeholder', { exact: true })).toBeVisible();
    await expect(topic.getByText('Not imported', { exact: true })).toBeVisible();

    // Only the approximated items.
    await page.getByRole('radio', { name: /^Approximated/ }).check();
    const approximatedRows = items.locator('tbody tr');
    await expect(approximatedRows.first()).toBeVisible();
    for (const row of await approximatedRows.all())
      await expect(row.getByText('Approximated', { exact: true })).toBeVisible();
    await page.getByRole('radio', { name: /^All/ }).check();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'course-import-report-en');

    // The report as JSON, made in the browser.
    const reportDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download report (JSON)' }).click();
    const report = JSON.parse(await readFile(await (await reportDownload).path(), 'utf8')) as {
      format: string;
      course: { title: string };
      items: { kind: string; status: string }[];
    };
    expect(report.format).toBe('imscc');
    expect(report.course.title).toBe(TITLE);
    expect(report.items).toContainEqual(
      expect.objectContaining({ kind: 'placeholder', status: 'not_imported' }),
    );

    // The draft, written in the background, then opened in the studio.
    await page.getByRole('button', { name: 'Create draft course' }).click();
    const open = page.getByRole('link', { name: `Open “${TITLE}” in the studio` });
    await expect(open).toBeVisible({ timeout: 30_000 });
    await open.click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await page.getByRole('tab', { name: 'Modules and lessons' }).click();
    await expect(page.getByLabel('Title of module 1')).toHaveValue('Basics');
    await expect(page.getByLabel('Title of module 2')).toHaveValue('Community');

    // Back out as a Common Cartridge 1.3.
    const cartridgeDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export as Common Cartridge' }).click();
    const cartridge = await cartridgeDownload;
    expect(cartridge.suggestedFilename()).toMatch(/-v1\.imscc$/);
    const names = zipNames(await cartridge.path());
    expect(names).toContain('imsmanifest.xml');
    const manifest = execFileSync(
      PYTHON,
      [
        '-c',
        'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("imsmanifest.xml").decode())',
        await cartridge.path(),
      ],
      { encoding: 'utf8' },
    );
    expect(manifest).toContain('imsccv1p3');
    expect(manifest).toContain('Basics');
  });

  test('an author uploads a Moodle backup (.mbz) and reads its report', async ({ page }) => {
    test.setTimeout(120_000);
    const title = `${TITLE} Moodle`;
    await signInPage(page, AUTHOR);
    await page.goto('/studio/import');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'backup-robot-cells.mbz',
      mimeType: 'application/vnd.moodle.backup',
      buffer: buildBackup(title),
    });
    await expect(page.getByRole('heading', { level: 2, name: 'Ready to import' })).toBeVisible({
      timeout: 30_000,
    });

    // Moodle's sections became modules; a forum and an LTI tool are kept as placeholders.
    const counts = page.getByRole('table', { name: 'What was found, by kind' });
    await expect(counts.getByRole('row', { name: /^Module/ })).toBeVisible();
    await expect(counts.getByRole('row', { name: /^Placeholder/ })).toBeVisible();
    const items = page.locator('.fidelity-report__items');
    const forum = items.getByRole('row', { name: /Introduce yourself/ });
    await expect(forum.getByText('Placeholder', { exact: true })).toBeVisible();
    await expect(forum.getByText('Not imported', { exact: true })).toBeVisible();
    await expect(forum).toContainText('activities/forum_8/forum.xml');
    await expect(items.getByRole('row', { name: /Simulator/ })).toContainText('Not imported');
    await expectNoSeriousA11yViolations(page);

    const reportDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download report (JSON)' }).click();
    const report = JSON.parse(await readFile(await (await reportDownload).path(), 'utf8')) as {
      format: string;
      course: { title: string };
      items: { kind: string; source: string; status: string; reason: string }[];
    };
    expect(report.format).toBe('mbz');
    expect(report.course.title).toBe(title);
    expect(report.items).toContainEqual({
      kind: 'placeholder',
      title: 'Introduce yourself',
      source: 'activities/forum_8/forum.xml',
      status: 'not_imported',
      reason:
        'A Moodle forum activity has no equivalent on the platform: kept as a placeholder lesson with its original description.',
    });
  });

  test('the report screen in Arabic (right to left) and in Chinese', async ({ browser }) => {
    test.setTimeout(120_000);
    const arabic = await reportIn(browser, 'ar', 'جاهز للاستيراد');
    await expect(arabic.page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(arabic.page.getByRole('button', { name: 'تنزيل التقرير (JSON)' })).toBeVisible();
    await arabic.context.close();
    const chinese = await reportIn(browser, 'zh-Hans', '可以导入');
    await expect(chinese.page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(chinese.page.getByRole('button', { name: '创建课程草稿' })).toBeVisible();
    await chinese.context.close();
  });
});
