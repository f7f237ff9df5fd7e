// Journeys 3 and 4: the catalog and verification pages in Chinese and in Arabic (right to left),
// and verification by PDF file: the issued file is recognised, an altered copy rejected.
import { expect, test, type Page } from '@playwright/test';

import { catalogCount, demoCertificate } from './support/api';
import {
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  screenshot,
} from './support/page-checks';

/** seed_demo issues Zhang Wei's certificate for this course (devdata/enrollment.py). */
const DEMO_LEARNER = 'learner@icim.example';
const DEMO_COURSE = 'lean-smart-factory-operations';

async function dropFile(page: Page, name: string, content: Buffer) {
  // A real drop: the file travels in a DataTransfer, as when dragged from the desktop.
  const dataTransfer = await page.evaluateHandle(
    ({ fileName, bytes }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], fileName, { type: 'application/pdf' }));
      return transfer;
    },
    { fileName: name, bytes: [...content] },
  );
  await page.getByTestId('pdf-drop-zone').dispatchEvent('drop', { dataTransfer });
}

test.describe('verification and languages', () => {
  test('the catalog and the verification page in Chinese and in Arabic (right to left)', async ({
    page,
  }) => {
    const { id } = await demoCertificate(DEMO_LEARNER, DEMO_COURSE);
    const total = await catalogCount();

    await page.goto('/courses');
    await page.getByLabel('Language', { exact: true }).selectOption('zh-Hans');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await expect(page.getByRole('heading', { level: 1, name: '课程目录' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(`共 ${String(total)} 门课程`);
    await expect(page.getByRole('searchbox', { name: '搜索课程' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'catalog-zh');

    await page.goto(`/verify/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: '验证证书' })).toBeVisible();
    await expect(page.getByTestId('verification-status')).toHaveText('有效');
    await expect(page.getByText('此证书由 ICIM Academy 签发，且有效。')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '已执行的检查' })).toBeVisible();
    await expect(page.getByText('Zhang Wei')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'verify-valid-zh');

    await page.getByLabel('语言', { exact: true }).selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1, name: 'التحقق من شهادة' })).toBeVisible();
    await expect(page.getByTestId('verification-status')).toHaveText('صالحة');
    await expect(
      page.getByRole('heading', { level: 2, name: 'عمليات التحقق التي أُجريت' }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'verify-valid-ar');

    await page.goto('/courses');
    await expect(page.getByRole('heading', { level: 1, name: 'دليل الدورات' })).toBeVisible();
    // 11 to 99 courses take the singular noun in Arabic (CLDR "many"): the demo catalog is that size.
    await expect(page.getByRole('status')).toHaveText(`${String(total)} دورة`);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'catalog-ar');

    // On a 375 px phone, still right to left and without sideways scrolling.
    await page.setViewportSize({ width: 375, height: 812 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'catalog-ar-375px');
  });

  test('a dropped certificate PDF is recognised and an altered copy is rejected', async ({
    page,
  }) => {
    const { id, pdf } = await demoCertificate(DEMO_LEARNER, DEMO_COURSE);

    await page.goto('/verify');
    await page.getByLabel('Language', { exact: true }).selectOption('en');
    await expectNoSeriousA11yViolations(page);

    await dropFile(page, 'certificate.pdf', pdf);
    await expect(page.getByText('File checked: certificate.pdf')).toBeVisible();
    await expect(page.getByTestId('verification-status')).toHaveText('Valid');
    await expect(
      page.getByText(
        'This file is exactly a certificate issued by ICIM Academy, and the certificate is valid.',
      ),
    ).toBeVisible();
    await expect(page.locator('[data-check="file_matches"]')).toHaveAttribute(
      'data-result',
      'passed',
    );
    await expect(page.getByText('Zhang Wei')).toBeVisible();
    await expect(page.getByText(id)).toBeVisible();
    await screenshot(page, 'verify-pdf-valid-en');

    // The same file with one byte of its content changed (a digit in the middle).
    const altered = Buffer.from(pdf);
    const middle = Math.floor(altered.length / 2);
    altered[middle] = altered[middle] === 0x30 ? 0x31 : 0x30;
    await page.getByLabel('Choose a PDF file').setInputFiles({
      name: 'altered.pdf',
      mimeType: 'application/pdf',
      buffer: altered,
    });
    await expect(page.getByText('File checked: altered.pdf')).toBeVisible();
    await expect(page.getByTestId('verification-status')).toHaveText('Altered or forged');
    await expect(page.locator('[data-check="file_matches"]')).toHaveAttribute(
      'data-result',
      'failed',
    );
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'verify-pdf-altered-en');
  });
});
