// Course discussions, end to end: a learner asks a question in Chinese (UI in Chinese), a staff
// member answers with a PDF attached and endorses it, the learner is told in the app and by
// e-mail; a post is reported, the moderator mutes its writer and ends the mute, edits the word
// list, and hides the post from the moderation queue.
import { expect, test, type Browser, type Page } from '@playwright/test';

import { signIn, signInPage } from './support/api';
import { linkFromEmail } from './support/mailbox';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

/** devdata: Zhang Wei (Chinese) and Lena Hoffmann follow this Rhine Valley course, whose
 * author Dr. Miriam Keller and administrator Jonas Weber are its staff. */
const COURSE = 'plc-iec-61131-3';
const LEARNER = 'learner@icim.example';
const CLASSMATE = 'learner.de@icim.example';
const AUTHOR = 'author@icim.example';
const MODERATOR = 'staff-admin@icim.example';
const run = Date.now().toString(36);
const TITLE = `定时器TON的预设时间怎么设置？${run}`;

async function pageIn(browser: Browser, email: string, language: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((chosen) => {
    window.localStorage.setItem('icim.language', chosen);
  }, language);
  const page = await context.newPage();
  await signInPage(page, email);
  return page;
}

test.describe('course discussions', () => {
  test('a question in Chinese is answered, endorsed and notified; a reported post is hidden', async ({
    browser,
  }) => {
    test.setTimeout(120_000);

    // The learner asks, in a Chinese UI.
    const learner = await pageIn(browser, LEARNER, 'zh-Hans');
    await learner.goto(`/courses/${COURSE}`);
    await learner.getByRole('link', { name: '讨论区' }).click();
    await expect(learner.getByRole('heading', { level: 1, name: '课程讨论' })).toBeVisible();
    await learner.getByRole('button', { name: '发起新话题' }).click();
    await learner.getByLabel('标题').fill(TITLE);
    await learner.getByLabel('正文').fill('我的 **TON** 定时器总是立即输出。应该怎么设置 `PT`？');
    await learner.getByRole('button', { name: '预览' }).click();
    await expect(learner.getByRole('region', { name: '预览' }).locator('strong')).toHaveText('TON');
    await screenshot(learner, 'discussions-new-thread-zh');
    await learner.getByRole('button', { name: '发布', exact: true }).click();
    await expect(learner.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(learner.locator('#main').getByText('简体中文')).toBeVisible();
    const threadPath = new URL(learner.url()).pathname;
    expect(threadPath).toMatch(new RegExp(`^/courses/${COURSE}/discussions/\\d+$`));

    // The course's author answers and endorses the answer.
    const author = await pageIn(browser, AUTHOR, 'en');
    await author.goto(threadPath);
    await author
      .getByLabel('Your reply')
      .fill('Set **PT** to the delay, e.g. `T#5s`, and keep IN true.');
    await author.getByLabel('Attach files').setInputFiles({
      name: 'ton-timing.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await expect(author.getByText('ton-timing.pdf is ready.')).toBeVisible();
    await author.getByRole('button', { name: 'Send reply' }).click();
    const answer = author.getByRole('article', { name: 'Post by Dr. Miriam Keller' });
    await expect(answer.getByText('T#5s')).toBeVisible();
    const attached = answer.getByRole('link', { name: 'ton-timing.pdf' });
    await expect(attached).toBeVisible();
    // The one download view serves it to whoever may read the post.
    const download = await author.request.get((await attached.getAttribute('href')) ?? '');
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 8).toString()).toBe('%PDF-1.4');
    await answer.getByRole('button', { name: 'Endorse' }).click();
    await expect(answer.getByText('Endorsed by staff')).toBeVisible();
    await expect(author.getByText('Answered', { exact: true }).first()).toBeVisible();
    await screenshot(author, 'discussions-thread-endorsed-en');

    // The learner is notified: the bell counts, the list names the reply, and an e-mail came.
    await learner.goto(`/courses/${COURSE}/discussions`);
    await expect(learner.getByRole('link', { name: /^通知：[1-9]/ })).toBeVisible();
    await learner.getByRole('link', { name: /^通知：/ }).click();
    await expect(learner.getByRole('heading', { level: 1, name: '通知' })).toBeVisible();
    await expect(
      learner.getByRole('link', { name: `Dr. Miriam Keller 在“${TITLE}”中回复了` }),
    ).toBeVisible();
    await expect(
      learner.getByRole('link', { name: `“${TITLE}”中的一个回答已被认可` }),
    ).toBeVisible();
    await screenshot(learner, 'discussions-notifications-zh');
    expect(await linkFromEmail(LEARNER, threadPath)).toBe(threadPath);

    // The thread found by a Chinese word, filtered to Chinese and answered questions.
    await learner.goto(`/courses/${COURSE}/discussions?language=zh-hans&answered=true`);
    await learner.getByRole('searchbox', { name: '搜索讨论' }).fill('预设时间');
    await learner.getByRole('button', { name: '搜索', exact: true }).click();
    await expect(learner.getByRole('link', { name: TITLE })).toBeVisible();
    await screenshot(learner, 'discussions-list-zh');

    // A classmate posts something rude; the learner reports it.
    const classmate = await signIn(CLASSMATE);
    const threadId = threadPath.split('/').pop() ?? '';
    await classmate.post(`/api/v1/discussions/threads/${threadId}/posts/`, {
      body: `Dumme Frage, lies das Handbuch ${run}`,
    });
    await classmate.context.dispose();
    await learner.goto(threadPath);
    const rude = learner.getByRole('article', { name: 'Lena Hoffmann 的帖子' });
    await rude.getByRole('button', { name: '举报' }).click();
    await rude.getByLabel('你为什么举报这个帖子？').fill('不友好的回复');
    await rude.getByRole('button', { name: '提交举报' }).click();
    await expect(rude.getByText('谢谢。管理员会查看。')).toBeVisible();
    await expectNoSeriousA11yViolations(learner);

    // A moderator of the institution hides it from the queue.
    const moderator = await pageIn(browser, MODERATOR, 'en');
    await moderator.goto('/');
    await moderator.getByRole('link', { name: 'Moderation', exact: true }).click();
    await expect(
      moderator.getByRole('heading', { level: 1, name: 'Moderation queue' }),
    ).toBeVisible();
    const entry = moderator.getByRole('listitem').filter({ hasText: `lies das Handbuch ${run}` });
    await expect(entry.getByText('不友好的回复')).toBeVisible();
    await screenshot(moderator, 'discussions-moderation-queue-en');

    // The moderator mutes the writer for three days from the entry, then thinks better of it.
    await entry.getByRole('link', { name: 'Mute Lena Hoffmann' }).click();
    await expect(moderator.getByRole('heading', { level: 1, name: 'Muted users' })).toBeVisible();
    await moderator.getByLabel('Days').fill('3');
    await moderator.getByLabel(/^Reason/).fill(`Rude reply ${run}`);
    await moderator.getByRole('button', { name: 'Mute', exact: true }).click();
    await expect(moderator.getByText(/^Lena Hoffmann is muted until /)).toBeVisible();
    const muted = moderator.getByRole('row', { name: /Lena Hoffmann/ });
    await expect(muted.getByText(`Rude reply ${run}`)).toBeVisible();
    await expectNoSeriousA11yViolations(moderator);
    await muted.getByRole('button', { name: 'End the mute of Lena Hoffmann' }).click();
    await expect(moderator.getByText('The mute of Lena Hoffmann has ended')).toBeVisible();
    await expect(muted).toHaveCount(0);

    // The word list takes a phrase; the server's cleaned list comes back.
    await moderator.getByRole('link', { name: 'Moderation queue' }).click();
    await moderator.getByRole('link', { name: 'Word list' }).click();
    await moderator.getByLabel('Words and phrases, one per line').fill(` spam-${run} \n\n`);
    await moderator.getByRole('button', { name: 'Save the word list' }).click();
    await expect(moderator.getByText('Saved: 1 word or phrase is listed.')).toBeVisible();
    await expect(moderator.getByLabel('Words and phrases, one per line')).toHaveValue(
      `spam-${run}`,
    );
    await expectNoSeriousA11yViolations(moderator);
    await moderator.getByRole('link', { name: 'Moderation queue' }).click();
    await entry.getByRole('button', { name: 'Hide' }).click();
    await expect(entry).toHaveCount(0);
    await expectNoSeriousA11yViolations(moderator);

    // The learner now sees a placeholder where the post was.
    await learner.reload();
    await expect(rude.getByText('此帖子已被管理员隐藏。')).toBeVisible();
    await expect(learner.getByText(`lies das Handbuch ${run}`)).toHaveCount(0);
    await screenshot(learner, 'discussions-hidden-zh');
  });
});
