// An employer's HR person checks a batch of candidates' certificates at once: ids pasted and a
// CSV uploaded, a table of results, and the same results downloaded as CSV.
import { readFile } from 'node:fs/promises';

import { expect, test } from '@playwright/test';

import { demoCertificate, signInPage } from './support/api';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

/** devdata/accounts.py: a verifier of the employer Meridian Motion. */
const VERIFIER = 'verifier@icim.example';
const UNKNOWN_ID = '4c0f5c57-8f5e-4d39-8d3f-2d5c6c1f0a11';

test.describe('bulk verification', () => {
  test('an employer verifies pasted ids and a CSV file, and downloads the results', async ({
    page,
  }) => {
    // devdata/enrollment.py: certificates no other journey revokes.
    const zhang = await demoCertificate('learner@icim.example', 'lean-smart-factory-operations');
    const priya = await demoCertificate(
      'priya.sharma@icim.example',
      'industrial-data-ai-foundations',
    );
    const ids = [zhang.id, priya.id] as const;
    await signInPage(page, VERIFIER);
    await page.goto('/verify/bulk');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Verify many certificates' }),
    ).toBeVisible();
    // Only this page's own link is marked current, not the single verification's.
    await expect(page.getByRole('link', { name: 'Verify many' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(page.getByRole('link', { name: 'Verify a certificate' })).toHaveAttribute(
      'aria-current',
      'false',
    );

    // Pasted: two real ids and one that no certificate has, with stray separators.
    await page.getByLabel('Certificate IDs').fill(`${ids[0]},\n ${UNKNOWN_ID}  ${ids[1]}\n`);
    await expect(page.getByText('3 IDs found.')).toBeVisible();
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const table = page.getByTestId('bulk-results');
    await expect(table.locator('tbody tr')).toHaveCount(3);
    const rows = table.locator('tbody tr');
    await expect(rows.nth(0)).toContainText(ids[0]);
    await expect(rows.nth(0)).toContainText('Valid');
    await expect(rows.nth(1)).toContainText(UNKNOWN_ID);
    await expect(rows.nth(1)).toContainText('Unknown');
    await expect(rows.nth(2)).toContainText(ids[1]);
    await expect(rows.nth(2)).toContainText('Valid');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'bulk-verify-en');

    // The same results as a CSV file: a header and one line per id, in the order given.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the results (CSV)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('verification-results.csv');
    const lines = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'id,status,learner_name,course_title,course_code,issued_on,expires_on,revoked_at,revocation_reason',
    );
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 2))).toEqual([
      [ids[0], 'valid'],
      [UNKNOWN_ID, 'unknown'],
      [ids[1], 'valid'],
    ]);

    // Uploaded: a CSV file with a header row and one id per line.
    await page.getByLabel('Certificate IDs').fill('');
    await page.getByLabel('Or upload a CSV or text file').setInputFiles({
      name: 'candidates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`candidate,certificate\nA. Candidate,${ids[1]}\n`),
    });
    await expect(page.getByText('1 ID found.')).toBeVisible();
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.locator('tbody tr').first()).toContainText(ids[1]);
  });
});
