/** A reply with a file: uploaded to the thread's course, claimed by the reply, and the form
 * emptied (text and files) once the reply is posted. */
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderRoute } from '@/testing/render';

import type { Post, ThreadDetail } from '../types';
import { ThreadPage } from './ThreadPage';

// Uploads go through XMLHttpRequest (`uploadFile`): answered here at once with the stored file.
const upload = vi.hoisted(() => ({ paths: [] as string[] }));

vi.mock('@/lib/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/http')>()),
  uploadFile: (path: string, file: File, onProgress: (share: number) => void) => {
    upload.paths.push(path);
    onProgress(1);
    return Promise.resolve({
      key: 'cccccccc-0000-4000-8000-000000000003',
      name: file.name,
      content_type: 'application/pdf',
      size: file.size,
      url: '/media/discussions/wiring.pdf',
    });
  },
}));

const OPENING: Post = {
  id: 1,
  parent_id: null,
  is_opening: true,
  author: { id: 3, name: 'Anna' },
  body: 'Why does the scan take 20 ms?',
  body_html: '<p>Why does the scan take 20 ms?</p>',
  state: 'visible',
  is_endorsed: false,
  upvote_count: 0,
  is_upvoted: false,
  is_mine: false,
  attachments: [],
  created_at: '2026-12-07T10:00:00Z',
  edited_at: null,
};

const THREAD: ThreadDetail = {
  thread: {
    id: 9,
    kind: 'question',
    title: 'Scan time',
    language: 'en',
    lesson_key: null,
    author: { id: 3, name: 'Anna' },
    is_answered: false,
    is_pinned: false,
    is_locked: false,
    is_visible: true,
    reply_count: 0,
    upvote_count: 0,
    created_at: '2026-12-07T10:00:00Z',
    last_activity_at: '2026-12-07T10:00:00Z',
    is_following: true,
  },
  opening_post: OPENING,
  is_moderator: false,
  // The course as the thread names it, not as the address spells it.
  course_slug: 'plc-iec-61131-3',
};

describe('ThreadPage reply attachments', () => {
  beforeEach(() => {
    upload.paths.length = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("uploads to the thread's course and posts the reply with the file's key", async () => {
    const server = mockFetch({
      'GET /api/v1/discussions/threads/9': () => jsonResponse(THREAD),
      'GET /api/v1/discussions/threads/9/posts/': () =>
        jsonResponse({ count: 0, next: null, previous: null, results: [] }),
      'POST /api/v1/discussions/threads/9/posts/': () => jsonResponse({ ...OPENING, id: 2 }, 201),
    });
    const { user } = renderRoute(
      '/courses/:slug/discussions/:threadId',
      '/courses/plc/discussions/9',
      <ThreadPage />,
    );
    await user.type(await screen.findByLabelText('Your reply'), 'See page 3.');
    await user.upload(
      screen.getByLabelText('Attach files'),
      new File(['%PDF'], 'wiring.pdf', { type: 'application/pdf' }),
    );
    expect(await screen.findByText('wiring.pdf is ready.')).toBeInTheDocument();
    expect(upload.paths).toEqual(['/api/v1/courses/plc-iec-61131-3/discussions/attachments']);

    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await vi.waitFor(() => {
      expect(screen.getByLabelText('Your reply')).toHaveValue('');
    });
    expect(server.requestsTo('POST /api/v1/discussions/threads/9/posts/')[0]?.body).toEqual({
      body: 'See page 3.',
      parent_id: null,
      attachment_keys: ['cccccccc-0000-4000-8000-000000000003'],
    });
    expect(screen.queryByRole('list', { name: 'Files for this post' })).not.toBeInTheDocument();
    expect(screen.queryByText('wiring.pdf is ready.')).not.toBeInTheDocument();
  });
});
