/** A new thread with files: each uploaded when chosen (progress, then ready), a refusal in the
 * server's words, removal before posting, and the post claiming only the uploaded files. */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { UploadError } from '@/lib/http';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import type { UploadedAttachment } from '../api/attachments';
import { NewThreadForm } from './NewThreadForm';

// Uploads go through XMLHttpRequest (`uploadFile`), which jsdom cannot send as multipart: each
// call is held open here, at a third of its file, until the test answers it.
const upload = vi.hoisted(() => ({
  calls: [] as {
    path: string;
    file: File;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }[],
}));

vi.mock('@/lib/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/http')>()),
  uploadFile: (path: string, file: File, onProgress: (share: number) => void) => {
    onProgress(1 / 3);
    return new Promise((resolve, reject) => {
      upload.calls.push({ path, file, resolve, reject });
    });
  },
}));

const UPLOAD_PATH = '/api/v1/courses/plc/discussions/attachments';
const THREADS_PATH = '/api/v1/courses/plc/discussions/';

function stored(name: string, key: string): UploadedAttachment {
  return {
    key,
    name,
    content_type: 'image/png',
    size: 2048,
    url: `/media/discussions/${key}.png`,
  };
}

function showForm() {
  const onCreated = vi.fn();
  const view = renderComponent(
    <NewThreadForm courseSlug="plc" isModerator={false} onCreated={onCreated} onCancel={vi.fn()} />,
  );
  return { ...view, onCreated };
}

describe('NewThreadForm attachments', () => {
  beforeEach(() => {
    upload.calls.length = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('uploads a chosen file with progress and posts its key with the thread', async () => {
    const server = mockFetch({
      [`POST ${THREADS_PATH}`]: () => jsonResponse({ thread: { id: 4 } }, 201),
    });
    const { user, onCreated } = showForm();
    await user.type(screen.getByLabelText('Title'), 'Scan cycle timing');
    await user.type(screen.getByLabelText('Your text'), 'See the diagram.');
    await user.upload(
      screen.getByLabelText('Attach files'),
      new File(['png'], 'diagram.png', { type: 'image/png' }),
    );

    expect(upload.calls.map(({ path, file }) => [path, file.name])).toEqual([
      [UPLOAD_PATH, 'diagram.png'],
    ]);
    expect(screen.getByRole('progressbar', { name: 'Uploading diagram.png' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Post' })).toBeDisabled();
    expect(screen.getByText('Wait until the files are uploaded.')).toBeInTheDocument();

    upload.calls[0]?.resolve(stored('diagram.png', 'aaaaaaaa-0000-4000-8000-000000000001'));
    expect(await screen.findByText('diagram.png is ready.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Post' }));

    await vi.waitFor(() => {
      expect(onCreated).toHaveBeenCalled();
    });
    expect(server.requestsTo(`POST ${THREADS_PATH}`)[0]?.body).toMatchObject({
      title: 'Scan cycle timing',
      body: 'See the diagram.',
      attachment_keys: ['aaaaaaaa-0000-4000-8000-000000000001'],
    });
  });

  it("shows the server's refusal, and a removed file is not posted", async () => {
    const server = mockFetch({
      [`POST ${THREADS_PATH}`]: () => jsonResponse({ thread: { id: 5 } }, 201),
    });
    const { user, onCreated } = showForm();
    await user.type(screen.getByLabelText('Title'), 'Wiring');
    await user.type(screen.getByLabelText('Your text'), 'Two files.');
    await user.upload(screen.getByLabelText('Attach files'), [
      new File(['%PDF'], 'manual.pdf', { type: 'application/pdf' }),
      new File(['png'], 'photo.png', { type: 'image/png' }),
    ]);
    upload.calls[0]?.reject(
      new UploadError(400, { detail: 'An attachment may be at most 10 MB.', code: 'too_large' }),
    );
    upload.calls[1]?.resolve(stored('photo.png', 'bbbbbbbb-0000-4000-8000-000000000002'));

    const files = screen.getByRole('list', { name: 'Files for this post' });
    expect(
      await within(files).findByText(
        'manual.pdf was not uploaded: An attachment may be at most 10 MB.',
      ),
    ).toHaveAttribute('role', 'alert');
    await within(files).findByText('photo.png is ready.');

    await user.click(screen.getByRole('button', { name: 'Remove photo.png' }));
    expect(within(files).queryByText('photo.png is ready.')).not.toBeInTheDocument();
    await vi.waitFor(() => {
      expect(screen.getByLabelText('Attach files')).toHaveFocus();
    });
    await user.click(screen.getByRole('button', { name: 'Post' }));

    await vi.waitFor(() => {
      expect(onCreated).toHaveBeenCalled();
    });
    expect(server.requestsTo(`POST ${THREADS_PATH}`)[0]?.body).toMatchObject({
      attachment_keys: [],
    });
  });

  it('takes at most five files for a post and says so', async () => {
    mockFetch({});
    const { user } = showForm();
    const files = Array.from(
      { length: 6 },
      (_, index) => new File(['png'], `page-${index}.png`, { type: 'image/png' }),
    );
    await user.upload(screen.getByLabelText('Attach files'), files);
    expect(upload.calls).toHaveLength(5);
    expect(
      screen.getByText('A post may have at most 5 files: the extra ones were left out.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Attach files')).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Remove page-0.png' }));
    await vi.waitFor(() => {
      expect(screen.getByLabelText('Attach files')).toHaveFocus();
    });
    expect(screen.getByLabelText('Attach files')).toBeEnabled();
  });
});
