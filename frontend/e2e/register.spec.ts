// Registration journeys through the real backend, in English and in Chinese: register, find the
// link in the e-mail, open it, and arrive signed in.
import { expect, test, type Page } from '@playwright/test';

import { linkFromEmail } from './support/mailbox';

function uniqueEmail(label: string): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return `e2e-${label}-${suffix}@example.org`;
}

// Strong enough for Django's password validators.
const PASSWORD = 'Digital-Twin-Lathe-2026!';

async function chooseLanguage(page: Page, currentLabel: string, language: string) {
  await page.getByLabel(currentLabel, { exact: true }).selectOption(language);
}

test.describe('registration', () => {
  test('a new learner registers in English, opens the e-mailed link and sees their profile', async ({
    page,
  }) => {
    const email = uniqueEmail('en');
    const fullName = 'Ada Lovelace';

    await page.goto('/');
    await chooseLanguage(page, 'Language', 'en');
    await page.getByRole('link', { name: 'Register' }).first().click();

    await expect(page).toHaveURL(/\/register$/);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Create your account' }),
    ).toBeVisible();
    await page.getByLabel('E-mail address', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Full name (as on certificates)', { exact: true }).fill(fullName);
    await page.getByLabel('Country (optional)', { exact: true }).selectOption('GB');
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Check your inbox' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(
      `We sent a message to ${email}. Open the link in it to finish.`,
    );
    // Not signed in until the address is confirmed.
    await expect(page.getByRole('link', { name: 'Log in' }).first()).toBeVisible();

    await page.goto(await linkFromEmail(email, '/confirm-email'));

    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
    await expect(page.locator('.profile-name')).toHaveText(fullName);
    await expect(page.getByLabel('Full name (as on certificates)', { exact: true })).toHaveValue(
      fullName,
    );
    await expect(page.getByText(email, { exact: true })).toBeVisible();
    await expect(page.getByLabel('Preferred language', { exact: true })).toHaveValue('en');
    await expect(page.getByLabel('Country (optional)', { exact: true })).toHaveValue('GB');
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Log in' })).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('a new learner registers in Chinese and, from the e-mail, sees their profile in Chinese', async ({
    page,
  }) => {
    const email = uniqueEmail('zh');
    const fullName = 'Zhang Wei';
    const nativeName = '张伟';

    await page.goto('/register');
    await chooseLanguage(page, 'Language', 'zh-Hans');

    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await expect(page.getByRole('heading', { level: 1, name: '创建账户' })).toBeVisible();
    await expect(page.getByText('一个账户即可学习联盟的全部课程。')).toBeVisible();
    await page.getByLabel('电子邮箱', { exact: true }).fill(email);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('姓名（与证书一致）', { exact: true }).fill(fullName);
    await page.getByLabel('母语文字姓名 (选填)', { exact: true }).fill(nativeName);
    await page.getByRole('button', { name: '创建账户' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '请查看收件箱' })).toBeVisible();

    await page.goto(await linkFromEmail(email, '/confirm-email'));

    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByRole('heading', { level: 1, name: '个人资料' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '个人信息' })).toBeVisible();
    await expect(page.locator('.profile-name')).toHaveText(fullName);
    await expect(page.getByLabel('母语文字姓名 (选填)', { exact: true })).toHaveValue(nativeName);
    await expect(page.getByLabel('首选语言', { exact: true })).toHaveValue('zh-hans');
    // No country was chosen: the optional field stays empty.
    await expect(page.getByLabel('国家/地区 (选填)', { exact: true })).toHaveValue('');
    await expect(page.getByRole('button', { name: '保存更改' })).toBeVisible();
    await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();

    // The choice survives a reload, and the session too.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: '个人资料' })).toBeVisible();
    await expect(page.getByLabel('语言', { exact: true })).toHaveValue('zh-Hans');
  });

  test('an address that has an account gets the same page, and its owner a notice; the link works once', async ({
    page,
  }) => {
    const email = uniqueEmail('twice');
    const fill = async () => {
      await page.goto('/register');
      await chooseLanguage(page, 'Language', 'en');
      await page.getByLabel('E-mail address', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page
        .getByLabel('Full name (as on certificates)', { exact: true })
        .fill('Mary Somerville');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Check your inbox' })).toBeVisible();
    };
    await fill();
    const confirmation = await linkFromEmail(email, '/confirm-email');
    await page.goto(confirmation);
    await expect(page).toHaveURL(/\/profile$/);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('link', { name: 'Log in' }).first()).toBeVisible();

    // Registering the confirmed address again: the same answer, a notice in the inbox.
    await fill();
    await expect(page.getByRole('status')).toHaveText(
      `We sent a message to ${email}. Open the link in it to finish.`,
    );
    expect(await linkFromEmail(email, '/forgot-password')).toBe('/forgot-password');

    // The first link was used: it signs no one in again.
    await page.goto(confirmation);
    await expect(page.getByRole('alert')).toContainText('This confirmation link is invalid');
  });
});
