/** The video upload: progress in percent and bytes, cancelling, and the transcode's status after. */
import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { emptyResponse, jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import type { LessonVideoStatus } from '../types';
import { VideoUpload } from './VideoUpload';

const chunk = vi.hoisted(() => ({
  finish: null as null | ((answer: { status: number; body: unknown }) => void),
}));

// The chunk goes through XMLHttpRequest (`sendBytes`): held open here until the test answers.
vi.mock('@/lib/http', async (importOriginal) => {
  const { ApiError, NETWORK_ERROR_CODE } = await import('@/lib/api-error');
  return {
    ...(await importOriginal<typeof import('@/lib/http')>()),
    sendBytes: (
      _path: string,
      bytes: Blob,
      { onProgress, signal }: { onProgress: (sent: number) => void; signal: AbortSignal },
    ) =>
      new Promise((resolve, reject) => {
        onProgress(bytes.size / 2);
        chunk.finish = resolve;
        signal.addEventListener('abort', () => {
          reject(new ApiError({ status: 0, code: NETWORK_ERROR_CODE, detail: '' }));
        });
      }),
  };
});

const LESSON = '11111111-1111-4111-8111-111111111111';
const UPLOAD = '22222222-2222-4222-8222-222222222222';
const VIDEO = `/api/v1/authoring/courses/plc/lessons/${LESSON}/video`;
const UPLOADS = `${VIDEO}/uploads`;

function status(change: Partial<LessonVideoStatus>): LessonVideoStatus {
  return {
    state: 'none',
    stage: null,
    percent: 0,
    error: null,
    duration_seconds: null,
    has_ready_video: false,
    ...change,
  };
}

const session = (offset: number, video: LessonVideoStatus | null = null) => ({
  id: UPLOAD,
  filename: 'talk.mp4',
  size: 2000,
  offset,
  expires_at: '2099-01-01T00:00:00Z',
  is_complete: offset === 2000,
  video,
});

function videoFile(): File {
  return new File(['x'.repeat(2000)], 'talk.mp4', { type: 'video/mp4', lastModified: 1 });
}

describe('VideoUpload', () => {
  beforeEach(() => {
    chunk.finish = null;
    window.localStorage.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the upload in percent and bytes, then the transcode queued', async () => {
    let current = status({});
    mockFetch({
      [`GET ${VIDEO}`]: () => jsonResponse(current),
      [`POST ${UPLOADS}`]: () => jsonResponse(session(0), 201),
    });
    const { user } = renderComponent(<VideoUpload slug="plc" lessonKey={LESSON} />);
    expect(await screen.findByText('No video uploaded yet.')).toBeInTheDocument();

    await user.upload(screen.getByLabelText('Video file'), videoFile());

    const bar = await screen.findByRole('progressbar', { name: 'Uploading talk.mp4' });
    await waitFor(() => {
      expect(bar).toHaveAttribute('aria-valuenow', '50');
    });
    expect(screen.getByTestId('video-upload-bytes')).toHaveTextContent(/1,000 byte.* of .*2 kB/);

    current = status({ state: 'pending', stage: 'queued' });
    chunk.finish?.({ status: 200, body: session(2000, current) });

    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent(
        '“talk.mp4” is uploaded and waits to be converted.',
      );
    });
    expect(screen.queryByRole('progressbar', { name: 'Uploading talk.mp4' })).toBeNull();
    expect(screen.getByRole('progressbar', { name: 'Converting: queued' })).toHaveAttribute(
      'aria-valuenow',
      '0',
    );
  });

  it('cancels an upload under way and deletes what the server received', async () => {
    const network = mockFetch({
      [`GET ${VIDEO}`]: () => jsonResponse(status({})),
      [`POST ${UPLOADS}`]: () => jsonResponse(session(0), 201),
      [`DELETE ${UPLOADS}/${UPLOAD}`]: () => emptyResponse(204),
    });
    const { user } = renderComponent(<VideoUpload slug="plc" lessonKey={LESSON} />);
    await user.upload(await screen.findByLabelText('Video file'), videoFile());
    await screen.findByRole('progressbar', { name: 'Uploading talk.mp4' });

    await user.click(screen.getByRole('button', { name: 'Cancel upload' }));

    await waitFor(() => {
      expect(network.requestsTo(`DELETE ${UPLOADS}/${UPLOAD}`)).toHaveLength(1);
    });
    expect(screen.getByRole('status')).toHaveTextContent('The upload of “talk.mp4” was cancelled.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByLabelText('Video file')).toBeEnabled();
  });

  it('says why a transcode failed and that learners keep the previous video', async () => {
    mockFetch({
      [`GET ${VIDEO}`]: () =>
        jsonResponse(
          status({
            state: 'failed',
            stage: 'probing',
            error: 'This file has sound but no picture.',
            has_ready_video: true,
          }),
        ),
    });
    renderComponent(<VideoUpload slug="plc" lessonKey={LESSON} />);

    expect(await screen.findByTestId('video-failed')).toHaveTextContent(
      'This file has sound but no picture. Learners keep seeing the previous video.',
    );
    expect(screen.getByRole('status')).toHaveTextContent('The last upload could not be used.');
  });

  it('shows the stage and percent of a transcode under way', async () => {
    mockFetch({
      [`GET ${VIDEO}`]: () =>
        jsonResponse(status({ state: 'processing', stage: 'transcoding', percent: 42 })),
    });
    renderComponent(<VideoUpload slug="plc" lessonKey={LESSON} />);

    const bar = await screen.findByRole('progressbar', { name: 'Converting: transcoding' });
    expect(bar).toHaveAttribute('aria-valuenow', '42');
    expect(screen.getByRole('status')).toHaveTextContent('The video is being converted.');
  });
});
