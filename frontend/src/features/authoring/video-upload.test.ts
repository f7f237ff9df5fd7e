/** The chunked upload: offsets, retry after a network error, resuming after a reload, conflicts. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiError, NETWORK_ERROR_CODE } from '@/lib/api-error';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';

import type { VideoUpload } from './types';
import { resumeKey, uploadVideoInChunks } from './video-upload';

const chunks = vi.hoisted(() => ({
  sent: [] as { path: string; offset: number; bytes: string }[],
  answer: null as null | ((offset: number, bytes: string) => { status: number; body: unknown }),
}));

/** jsdom's Blob has no `text()`. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      resolve(reader.result as string);
    });
    reader.readAsText(blob);
  });
}

vi.mock('@/lib/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/http')>()),
  sendBytes: async (
    path: string,
    bytes: Blob,
    { headers, onProgress }: { headers: Record<string, string>; onProgress: (n: number) => void },
  ) => {
    const offset = Number(headers['Upload-Offset']);
    const text = await readText(bytes);
    chunks.sent.push({ path, offset, bytes: text });
    onProgress(Math.floor(bytes.size / 2));
    return chunks.answer?.(offset, text);
  },
}));

const LESSON = '11111111-1111-4111-8111-111111111111';
const UPLOAD = '22222222-2222-4222-8222-222222222222';
const BASE = `/api/v1/authoring/courses/plc/lessons/${LESSON}/video/uploads`;
const CONTENT = 'abcdefghijklmnopqrstuvwxyz0123'; // 30 bytes

function session(offset: number, change: Partial<VideoUpload> = {}): VideoUpload {
  return {
    id: UPLOAD,
    filename: 'talk.mp4',
    size: CONTENT.length,
    offset,
    expires_at: '2099-01-01T00:00:00Z',
    is_complete: offset === CONTENT.length,
    video: null,
    ...change,
  };
}

function makeFile(): File {
  return new File([CONTENT], 'talk.mp4', { type: 'video/mp4', lastModified: 1_700_000_000_000 });
}

/** A server that takes every chunk at its offset. */
function acceptEveryChunk(offset: number, bytes: string) {
  const end = offset + bytes.length;
  return { status: 200, body: session(end, end === CONTENT.length ? { video: null } : {}) };
}

function run(file: File, extra: Partial<Parameters<typeof uploadVideoInChunks>[0]> = {}) {
  const progress: number[] = [];
  const promise = uploadVideoInChunks({
    slug: 'plc',
    lessonKey: LESSON,
    file,
    signal: new AbortController().signal,
    onProgress: (sent) => progress.push(sent),
    chunkBytes: 10,
    sleep: () => Promise.resolve(),
    ...extra,
  });
  return { progress, promise };
}

describe('uploadVideoInChunks', () => {
  beforeEach(() => {
    chunks.sent.length = 0;
    chunks.answer = acceptEveryChunk;
    window.localStorage.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('starts a session and sends the file in chunks at their offsets', async () => {
    const network = mockFetch({ [`POST ${BASE}`]: () => jsonResponse(session(0), 201) });
    const file = makeFile();
    const { progress, promise } = run(file);

    const finished = await promise;

    expect(network.requestsTo(`POST ${BASE}`)[0]?.body).toEqual({ filename: 'talk.mp4', size: 30 });
    expect(chunks.sent.map(({ path, offset, bytes }) => [path, offset, bytes])).toEqual([
      [`${BASE}/${UPLOAD}`, 0, 'abcdefghij'],
      [`${BASE}/${UPLOAD}`, 10, 'klmnopqrst'],
      [`${BASE}/${UPLOAD}`, 20, 'uvwxyz0123'],
    ]);
    expect(progress).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(finished.is_complete).toBe(true);
    expect(window.localStorage.getItem(resumeKey(LESSON, file))).toBeNull();
  });

  it('after a network error asks the server for its offset and goes on from there', async () => {
    const network = mockFetch({
      [`POST ${BASE}`]: () => jsonResponse(session(0), 201),
      // 4 bytes of the broken chunk got through
      [`GET ${BASE}/${UPLOAD}`]: () => jsonResponse(session(14)),
    });
    let failed = false;
    chunks.answer = (offset, bytes) => {
      if (offset === 10 && !failed) {
        failed = true;
        throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, detail: '' });
      }
      return acceptEveryChunk(offset, bytes);
    };
    const retries: number[] = [];
    const { promise } = run(makeFile(), { onRetry: (attempt) => retries.push(attempt) });

    await promise;

    expect(retries).toEqual([1]);
    expect(network.requestsTo(`GET ${BASE}/${UPLOAD}`)).toHaveLength(1);
    expect(chunks.sent.map(({ offset, bytes }) => [offset, bytes])).toEqual([
      [0, 'abcdefghij'],
      [10, 'klmnopqrst'],
      [14, 'opqrstuvwx'],
      [24, 'yz0123'],
    ]);
  });

  it('resumes the session kept for the same file after a reload', async () => {
    const file = makeFile();
    window.localStorage.setItem(resumeKey(LESSON, file), UPLOAD);
    const network = mockFetch({ [`GET ${BASE}/${UPLOAD}`]: () => jsonResponse(session(20)) });
    const { progress, promise } = run(file);

    await promise;

    expect(network.requestsTo(`POST ${BASE}`)).toHaveLength(0);
    expect(chunks.sent.map(({ offset, bytes }) => [offset, bytes])).toEqual([[20, 'uvwxyz0123']]);
    expect(progress[0]).toBe(20);
  });

  it('starts again when the kept session expired', async () => {
    const file = makeFile();
    window.localStorage.setItem(resumeKey(LESSON, file), 'gone');
    mockFetch({
      [`GET ${BASE}/gone`]: () => jsonResponse({ detail: 'Not found.', code: 'not_found' }, 404),
      [`POST ${BASE}`]: () => jsonResponse(session(0), 201),
    });

    await run(file).promise;

    expect(chunks.sent[0]?.offset).toBe(0);
  });

  it('follows the offset a conflict names', async () => {
    mockFetch({ [`POST ${BASE}`]: () => jsonResponse(session(0), 201) });
    chunks.answer = (offset, bytes) =>
      offset === 0
        ? { status: 409, body: { detail: 'At 20', code: 'offset_conflict', offset: 20 } }
        : acceptEveryChunk(offset, bytes);

    await run(makeFile()).promise;

    expect(chunks.sent.map(({ offset }) => offset)).toEqual([0, 20]);
  });

  it('stops at a refusal and forgets the session', async () => {
    mockFetch({ [`POST ${BASE}`]: () => jsonResponse(session(0), 201) });
    const file = makeFile();
    chunks.answer = () => ({
      status: 400,
      body: { detail: 'This file is not a video.', code: 'unsupported_type' },
    });

    await expect(run(file).promise).rejects.toMatchObject({
      status: 400,
      code: 'unsupported_type',
    });
    expect(window.localStorage.getItem(resumeKey(LESSON, file))).toBeNull();
  });
});
