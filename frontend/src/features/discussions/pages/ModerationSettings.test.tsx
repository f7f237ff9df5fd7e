/** An organisation's mutes and word list: list, mute (from the queue's link), end a mute, edit
 * the word list; the server's refusals shown by the field they concern. */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { formatDateTime } from '@/lib/format';
import { emptyResponse, jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderRoute } from '@/testing/render';

import type { Mute, QueueItem } from '../types';
import { ModerationPage } from './ModerationPage';
import { MutesPage } from './MutesPage';
import { WordFilterPage } from './WordFilterPage';

const ORGANIZATIONS = [{ slug: 'rhine', name: 'Rhine Institute' }];
const MUTES_PATH = '/api/v1/discussions/moderation/rhine/mutes';
const WORDS_PATH = '/api/v1/discussions/moderation/rhine/word-filter';

const MUTE: Mute = {
  user: { id: 12, name: 'Anna Keller' },
  until: '2026-12-14T10:00:00Z',
  reason: 'Insults in two threads',
  created_at: '2026-12-07T10:00:00Z',
};

function showMutes(path = '/moderation/rhine/mutes') {
  return renderRoute(
    '/moderation/:organization/mutes',
    path,
    <MutesPage organizations={ORGANIZATIONS} />,
  );
}

describe('MutesPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists running mutes and ends one', async () => {
    let mutes = [MUTE];
    const server = mockFetch({
      [`GET ${MUTES_PATH}`]: () => jsonResponse(mutes),
      [`DELETE ${MUTES_PATH}/12`]: () => {
        mutes = [];
        return emptyResponse();
      },
    });
    const { user } = showMutes();
    const row = await screen.findByRole('row', { name: /Anna Keller/ });
    expect(within(row).getByText(formatDateTime(MUTE.until, 'en'))).toBeInTheDocument();
    expect(within(row).getByText('Insults in two threads')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'End the mute of Anna Keller' }));
    expect(
      await screen.findByText('The mute of Anna Keller has ended: they may post again.'),
    ).toHaveAttribute('role', 'status');
    expect(
      await screen.findByText("Nobody is muted in this organisation's courses."),
    ).toBeInTheDocument();
    expect(server.requestsTo(`DELETE ${MUTES_PATH}/12`)).toHaveLength(1);
    expect(screen.getByRole('heading', { name: 'Muted users' })).toHaveFocus();
  });

  it('mutes the author the queue linked to, and shows a refused field by its input', async () => {
    let answer = () =>
      jsonResponse(
        {
          detail: 'Invalid input.',
          code: 'invalid',
          fields: { user_id: ['This account cannot be muted.'] },
        },
        400,
      );
    const server = mockFetch({
      [`GET ${MUTES_PATH}`]: () => jsonResponse([]),
      [`POST ${MUTES_PATH}`]: () => answer(),
    });
    const { user } = showMutes('/moderation/rhine/mutes?user=12&name=Anna%20Keller');
    const userId = await screen.findByLabelText('User number');
    expect(userId).toHaveValue(12);
    expect(userId).toHaveAccessibleDescription(
      'The number of Anna Keller, from the moderation queue.',
    );

    const days = screen.getByLabelText('Days');
    await user.clear(days);
    await user.type(days, '30');
    await user.type(screen.getByLabelText(/Reason/), 'Spam links');
    await user.click(screen.getByRole('button', { name: 'Mute' }));
    expect(await screen.findByText('This account cannot be muted.')).toBeVisible();
    expect(userId).toHaveAttribute('aria-invalid', 'true');
    expect(userId).toHaveAccessibleDescription(/This account cannot be muted\./);

    answer = () => jsonResponse({ detail: 'You cannot mute yourself.', code: 'mute_self' }, 400);
    await user.click(screen.getByRole('button', { name: 'Mute' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You cannot mute yourself.');

    answer = () => jsonResponse({ ...MUTE, reason: 'Spam links' }, 201);
    await user.click(screen.getByRole('button', { name: 'Mute' }));
    expect(
      await screen.findByText(`Anna Keller is muted until ${formatDateTime(MUTE.until, 'en')}.`),
    ).toBeInTheDocument();
    expect(server.requestsTo(`POST ${MUTES_PATH}`).map((request) => request.body)).toEqual([
      { user_id: 12, days: 30, reason: 'Spam links' },
      { user_id: 12, days: 30, reason: 'Spam links' },
      { user_id: 12, days: 30, reason: 'Spam links' },
    ]);
    expect(screen.getByLabelText('User number')).toHaveValue(null);
  });

  it('keeps the days within 1 to 365 before asking the server', async () => {
    const server = mockFetch({ [`GET ${MUTES_PATH}`]: () => jsonResponse([]) });
    const { user } = showMutes('/moderation/rhine/mutes?user=12');
    const days = await screen.findByLabelText('Days');
    await user.clear(days);
    await user.type(days, '400');
    await user.click(screen.getByRole('button', { name: 'Mute' }));
    expect(days).toBeInvalid();
    expect(server.requestsTo(`POST ${MUTES_PATH}`)).toEqual([]);
  });
});

describe('WordFilterPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function showWords() {
    return renderRoute(
      '/moderation/:organization/word-filter',
      '/moderation/rhine/word-filter',
      <WordFilterPage organizations={ORGANIZATIONS} />,
    );
  }

  it("edits the list and shows the server's cleaned list", async () => {
    const server = mockFetch({
      [`GET ${WORDS_PATH}`]: () => jsonResponse({ words: ['scam'] }),
      [`PUT ${WORDS_PATH}`]: () => jsonResponse({ words: ['scam', 'free money'] }),
    });
    const { user } = showWords();
    const list = await screen.findByLabelText('Words and phrases, one per line');
    expect(list).toHaveValue('scam');
    await user.type(list, '\n free money \n\nscam');
    await user.click(screen.getByRole('button', { name: 'Save the word list' }));

    expect(await screen.findByText('Saved: 2 words and phrases are listed.')).toBeInTheDocument();
    expect(list).toHaveValue('scam\nfree money');
    expect(server.requestsTo(`PUT ${WORDS_PATH}`)[0]?.body).toEqual({
      words: ['scam', ' free money ', '', 'scam'],
    });
  });

  it('names the line the server refused', async () => {
    mockFetch({
      [`GET ${WORDS_PATH}`]: () => jsonResponse({ words: [] }),
      [`PUT ${WORDS_PATH}`]: () =>
        jsonResponse(
          {
            detail: 'Invalid input.',
            code: 'invalid',
            fields: { 'words.1': ['Ensure this field has no more than 100 characters.'] },
          },
          400,
        ),
    });
    const { user } = showWords();
    const list = await screen.findByLabelText('Words and phrases, one per line');
    await user.type(list, `scam\n${'x'.repeat(120)}`);
    await user.click(screen.getByRole('button', { name: 'Save the word list' }));
    expect(
      await screen.findByText('Line 2: Ensure this field has no more than 100 characters.'),
    ).toBeInTheDocument();
    expect(list).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('ModerationPage links', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("links to the organisation's mutes and word list, and mutes an author from the queue", async () => {
    const item = {
      id: 40,
      thread_id: 3,
      thread_title: 'Cheap PLCs',
      course_slug: 'plc',
      author: { id: 12, name: 'Anna Keller' },
      body_html: '<p>Buy now</p>',
      state: 'held',
      open_reports: 0,
      reports: [],
      created_at: '2026-12-07T10:00:00Z',
    } as unknown as QueueItem;
    mockFetch({
      'GET /api/v1/discussions/moderation/rhine/queue': () =>
        jsonResponse({ count: 1, next: null, previous: null, results: [item] }),
    });
    renderRoute('/moderation', '/moderation', <ModerationPage organizations={ORGANIZATIONS} />);
    expect(await screen.findByRole('link', { name: 'Mute Anna Keller' })).toHaveAttribute(
      'href',
      '/moderation/rhine/mutes?user=12&name=Anna+Keller',
    );
    const settings = screen.getByRole('navigation', { name: 'Moderation settings' });
    expect(within(settings).getByRole('link', { name: 'Muted users' })).toHaveAttribute(
      'href',
      '/moderation/rhine/mutes',
    );
    expect(within(settings).getByRole('link', { name: 'Word list' })).toHaveAttribute(
      'href',
      '/moderation/rhine/word-filter',
    );
  });
});
