// Journeys 5 and 6, the institution side: a course goes from an author's draft (with a quiz and a
// Chinese translation) through review, a requested change and publication to a learner, and the
// dashboard counts that learner; an approver revokes a certificate and the public page shows it.
import { expect, test, type Browser, type Page } from '@playwright/test';

import { demoCertificate, signInPage } from './support/api';
import { expectNoSeriousA11yViolations, screenshot } from './support/page-checks';

/** devdata/accounts.py: staff of Rhine Valley Technical University, one role each. */
const AUTHOR = 'author@icim.example';
const REVIEWER = 'reviewer@icim.example';
const APPROVER = 'approver@icim.example';
const LEARNER = 'learner.de@icim.example';
/** devdata/enrollment.py: Dmitri Volkov completed this Rhine Valley course and holds its certificate. */
const CERTIFIED_LEARNER = 'dmitri.volkov@icim.example';
const CERTIFIED_COURSE = 'plc-iec-61131-3';

const run = Date.now().toString(36);
const TITLE = `Digital Thread Fundamentals ${run}`;
const SLUG = `digital-thread-fundamentals-${run}`;
const QUIZ_TITLE = 'Check your understanding';
const FIXED_QUIZ_TITLE = 'Check your understanding of the digital thread';

async function staffPage(browser: Browser, email: string): Promise<Page> {
  // A context of its own: a second signed-in person beside the first (axe needs a context page).
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInPage(page, email);
  return page;
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

async function transition(page: Page, action: string, done: string, note = '') {
  await openTab(page, 'Review and publish');
  if (note) await page.getByLabel('Note for the history (optional)').fill(note);
  await page.getByRole('button', { name: action, exact: true }).click();
  await expect(page.getByText(done)).toBeVisible();
}

test.describe('institution studio', () => {
  test('an author writes a course with a quiz and a Chinese translation; review, a fix, publication, a learner, the dashboard', async ({
    browser,
    page,
  }) => {
    test.setTimeout(180_000);

    // The author starts a new course.
    await signInPage(page, AUTHOR);
    await page.goto('/studio');
    await expect(page.getByRole('heading', { level: 1, name: 'Studio' })).toBeVisible();
    await page.getByRole('link', { name: 'New course' }).click();
    await page.getByLabel('Course title').fill(TITLE);
    await expect(page.getByLabel('Address (slug)')).toHaveValue(SLUG);
    await page.getByLabel('Course code').fill(`RVTU-DT-${run}`);
    await page.getByRole('button', { name: 'Start editing' }).click();

    // Details.
    await page.getByLabel('Summary').fill('How product data flows from design to the shop floor.');
    await page
      .getByLabel('Description', { exact: true })
      .fill('## What you learn\n\nThe **digital thread** links design, production and service.');
    await expect(page.getByRole('heading', { level: 2, name: 'What you learn' })).toBeVisible();

    // Modules and lessons: the starter text lesson, then a quiz with two kinds of question.
    await openTab(page, 'Modules and lessons');
    await page.getByLabel('Title of module 1').fill('Foundations');
    await page.getByRole('button', { name: 'Untitled lesson', exact: true }).click();
    await page.getByLabel('Lesson title').fill('What is a digital thread?');
    await page
      .getByRole('textbox', { name: 'Lesson text' })
      .fill('A digital thread connects the data of a product across its life cycle.');
    await page.getByLabel('Kind of new lesson in module 1').selectOption('quiz');
    await page.getByRole('button', { name: 'Add a lesson to module 1' }).click();
    await page.getByLabel('Lesson title').fill(QUIZ_TITLE);
    const first = page.getByRole('group', { name: 'Question 1' });
    await first
      .getByLabel('Question', { exact: true })
      .fill('Which data does a digital thread link?');
    await first.getByLabel('Option 1', { exact: true }).fill('Design, production and service data');
    await first.getByLabel('Option 2', { exact: true }).fill('Only the bill of materials');
    await page.getByRole('button', { name: 'Add: True or false' }).click();
    const second = page.getByRole('group', { name: 'Question 2' });
    await second
      .getByLabel('Question', { exact: true })
      .fill('A digital thread ends when the product is shipped.');
    await second.getByLabel('False', { exact: true }).check();
    await expect(page.getByTestId('answer-key-problems')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'studio-editor-en');

    // A Chinese translation, side by side.
    await openTab(page, 'Translations');
    await page.getByLabel('Language to add').selectOption('zh-hans');
    await page.getByRole('button', { name: 'Add the language' }).click();
    await expect(page.getByTestId('completeness-zh-hans')).toContainText('0%');
    const fields = page.locator('.translation-table input, .translation-table textarea');
    const count = await fields.count();
    expect(count).toBeGreaterThan(8);
    for (let index = 0; index < count; index += 1)
      await fields.nth(index).fill(`数字主线 第${String(index + 1)}项`);
    await expect(page.getByTestId('completeness-zh-hans')).toContainText('100%');
    await screenshot(page, 'studio-translation-zh');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page).toHaveURL(new RegExp(`/studio/courses/${SLUG}$`));
    await transition(page, 'Submit for review', 'Submitted for review.');
    await expect(page.getByTestId('version-state')).toHaveText('In review');

    // The reviewer sees the diff, comments on the quiz lesson and requests a change.
    const reviewer = await staffPage(browser, REVIEWER);
    await reviewer.goto(`/studio/courses/${SLUG}`);
    await openTab(reviewer, 'Review and publish');
    await expect(reviewer.getByTestId('diff-view')).toContainText(QUIZ_TITLE);
    const commentForm = reviewer.getByRole('button', { name: 'Add the comment' });
    await expect(commentForm.or(reviewer.getByTestId('not-available'))).toBeVisible();
    if (await commentForm.isVisible()) {
      await reviewer.getByLabel('About').selectOption({ label: `1.2 ${QUIZ_TITLE}` });
      await reviewer
        .getByLabel('Comment', { exact: true })
        .fill('Name the digital thread in the title.');
      await commentForm.click();
      await expect(reviewer.getByTestId('review-comment')).toContainText('Name the digital thread');
    }
    await expectNoSeriousA11yViolations(reviewer);
    await screenshot(reviewer, 'studio-review-diff-en');
    await transition(
      reviewer,
      'Request changes',
      'Changes requested: the version is a draft again.',
      'Please make the quiz title more specific.',
    );

    // The author fixes it and submits again.
    await page.reload();
    await openTab(page, 'Modules and lessons');
    await page.getByRole('button', { name: QUIZ_TITLE, exact: true }).click();
    await page.getByLabel('Lesson title').fill(FIXED_QUIZ_TITLE);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByText('The draft has been saved.')).toBeVisible();
    await transition(page, 'Submit for review', 'Submitted for review.');

    // The reviewer approves; the approver publishes.
    await reviewer.reload();
    await transition(reviewer, 'Approve', 'Approved. An approver can now publish it.');
    const approver = await staffPage(browser, APPROVER);
    await approver.goto(`/studio/courses/${SLUG}`);
    await transition(approver, 'Publish', 'Published: learners find it in the catalog.');
    await openTab(approver, 'History');
    await expect(approver.getByTestId('history')).toContainText('published version 1');
    await expect(approver.getByTestId('history')).toContainText('requested changes to version 1');

    // A learner finds it in the catalog and enrols.
    const learner = await staffPage(browser, LEARNER);
    await learner.goto(`/courses?search=${encodeURIComponent('Digital Thread Fundamentals')}`);
    await learner.getByRole('article', { name: TITLE }).getByRole('link').first().click();
    await learner.getByRole('button', { name: 'Enrol in this course' }).click();
    // Enrolling opens the first lesson; the fixed quiz title is what the learner sees.
    await expect(
      learner.getByRole('heading', { level: 1, name: 'What is a digital thread?' }),
    ).toBeVisible();
    await expect(learner.getByRole('link', { name: `1.2 ${FIXED_QUIZ_TITLE}` })).toBeVisible();

    // The dashboard counts that enrolment.
    await approver.goto(`/studio/analytics?course=${SLUG}`);
    await expect(approver.getByTestId('kpi-enrollments')).toHaveText('1');
    await expect(approver.getByTestId(`chart-${SLUG}-completion-funnel`)).toContainText(
      'Foundations',
    );
    await expectNoSeriousA11yViolations(approver);
    await screenshot(approver, 'studio-dashboard-en');

    // The approver archives it again, leaving the catalog as the other journeys expect it.
    await approver.goto(`/studio/courses/${SLUG}`);
    await transition(approver, 'Archive', 'Archived.');

    for (const other of [reviewer, approver, learner]) await other.context().close();
  });

  test('an approver revokes a certificate with a reason and the public verification page shows it', async ({
    page,
  }) => {
    const { id } = await demoCertificate(CERTIFIED_LEARNER, CERTIFIED_COURSE);
    await signInPage(page, APPROVER);
    await page.goto('/studio/certificates');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Issued certificates' }),
    ).toBeVisible();
    const lookUp = page.getByRole('region', { name: 'Look up a certificate' });
    await lookUp.getByLabel('Certificate ID').fill(id);
    await lookUp.getByRole('button', { name: 'Look up' }).click();
    await expect(lookUp.getByTestId('lookup-result')).toContainText('Valid');
    await lookUp.getByRole('button', { name: 'Revoke…' }).click();
    await lookUp
      .getByLabel('Reason for the revocation')
      .fill('Identity fraud found in an audit (test run).');
    await lookUp.getByRole('button', { name: 'Revoke…' }).click();
    // The confirmation step: nothing is revoked until it is confirmed.
    await expect(
      page.getByText(/The certificate will show as revoked on its verification page/),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'studio-revoke-confirm-en');
    await lookUp.getByRole('button', { name: 'Yes, revoke the certificate' }).click();
    await expect(lookUp.getByText('The certificate has been revoked.')).toBeVisible();

    await lookUp.getByRole('link', { name: 'Public verification page' }).click();
    await expect(page.getByTestId('verification-status')).toHaveText('Revoked');
    await expect(page.getByText('Identity fraud found in an audit (test run).')).toBeVisible();

    // Revoked in error: an approver reinstates it, with a reason, and it is valid again.
    await page.goto('/studio/certificates');
    await lookUp.getByLabel('Certificate ID').fill(id);
    await lookUp.getByRole('button', { name: 'Look up' }).click();
    await expect(lookUp.getByTestId('lookup-result')).toContainText('Revoked');
    await lookUp.getByRole('button', { name: 'Reinstate…' }).click();
    await lookUp
      .getByLabel('Why the revocation is undone')
      .fill('The audit finding was withdrawn (test run).');
    await lookUp.getByRole('button', { name: 'Reinstate the certificate' }).click();
    await expect(
      lookUp.getByText('The certificate has been reinstated: it is valid again.'),
    ).toBeVisible();
    await expect(lookUp.getByTestId('lookup-result')).toContainText('Valid');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'studio-reinstated-en');

    // Several people may sign the institution's certificates: one more is added, kept after a
    // reload (the backend stored it), shown beside the live preview, then removed again.
    const refusedByPolicy: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) refusedByPolicy.push(message.text());
    });
    await page.goto('/studio/certificate-template');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Certificate template' }),
    ).toBeVisible();
    const signatories = page.locator('fieldset.signatory');
    const before = await signatories.count();
    const number = before + 1;
    await page.getByRole('button', { name: 'Add a signatory' }).click();
    const added = signatories.nth(before);
    await added.getByLabel(`Name of signatory ${String(number)}`).fill('Prof. Dr. Hanna Keller');
    await added.getByLabel(`Title of signatory ${String(number)}`).fill('Rector');
    await added.getByRole('button', { name: 'Save the signatory' }).click();
    await expect(added.getByRole('button', { name: 'Save the signatory' })).toBeDisabled();
    await page.reload();
    await expect(page.getByLabel(`Name of signatory ${String(number)}`)).toHaveValue(
      'Prof. Dr. Hanna Keller',
    );
    await expect(page.getByTitle('Preview of a certificate (PDF)')).toBeVisible();
    expect(refusedByPolicy).toEqual([]); // the preview frame is allowed to show the PDF
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'studio-certificate-template-en');
    await signatories.nth(before).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(signatories).toHaveCount(before);

    // Staff pages in the other UI languages (Arabic right to left).
    await page.goto('/studio');
    await page.getByLabel('Language', { exact: true }).selectOption('zh-Hans');
    await expect(page.getByRole('heading', { level: 1, name: '课程工作室' })).toBeVisible();
    await page.getByLabel('语言', { exact: true }).selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1, name: 'الاستوديو' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'studio-ar');
    await page.getByLabel('اللغة', { exact: true }).selectOption('de');
    await expect(page.getByRole('heading', { level: 2, name: 'Unsere Kurse' })).toBeVisible();
    await page.getByLabel('Sprache', { exact: true }).selectOption('en');
  });
});
