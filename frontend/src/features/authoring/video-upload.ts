/**
 * Send a video in chunks to a resumable upload: start (or take up again) a session, send each
 * chunk at the offset the server holds, and after a network error wait, ask the server for its
 * offset and go on from there. The session's id is kept in localStorage under the file's name,
 * size and date, so choosing the same file again after a page reload resumes where it stopped.
 */
import { ApiError, NETWORK_ERROR_CODE, toApiError } from '@/lib/api-error';

import {
  cancelVideoUpload,
  getVideoUpload,
  sendVideoChunk,
  startVideoUpload,
} from './api/video-uploads';
import type { VideoUpload } from './types';

/** Below the server's VIDEO_UPLOAD_CHUNK_MAX_MB (16 by default). */
export const CHUNK_BYTES = 8 * 1024 * 1024;
/** Waits before each retry after a network error; the upload fails after the last. */
export const RETRY_DELAYS_MILLISECONDS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

const STORAGE_PREFIX = 'icim.videoUpload';

export function resumeKey(lessonKey: string, file: File): string {
  return `${STORAGE_PREFIX}:${lessonKey}:${String(file.size)}:${String(file.lastModified)}:${file.name}`;
}

function remembered(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage refused (private mode): no resuming after a reload, nothing more
  }
}

function remember(key: string, uploadId: string | null): void {
  try {
    if (uploadId) window.localStorage.setItem(key, uploadId);
    else window.localStorage.removeItem(key);
  } catch {
    // as above
  }
}

function wait(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export class UploadCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'UploadCancelled';
  }
}

/** A function, not an inline test: the signal changes under an `await`, which narrowing ignores. */
function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new UploadCancelled();
}

function isRetryable(error: unknown): boolean {
  return error instanceof ApiError && (error.code === NETWORK_ERROR_CODE || error.status >= 500);
}

export interface ChunkedUploadOptions {
  slug: string;
  lessonKey: string;
  file: File;
  signal: AbortSignal;
  /** Bytes the server holds plus those of the chunk under way. */
  onProgress: (sentBytes: number) => void;
  /** The session's id, once known (to cancel it). */
  onSession?: (uploadId: string) => void;
  /** A network error: `attempt` (from 1) waits `delay` ms before asking for the offset. */
  onRetry?: (attempt: number, delay: number) => void;
  chunkBytes?: number;
  retryDelays?: readonly number[];
  sleep?: (milliseconds: number, signal: AbortSignal) => Promise<void>;
}

async function openSession(options: ChunkedUploadOptions, key: string): Promise<VideoUpload> {
  const { slug, lessonKey, file } = options;
  const earlier = remembered(key);
  if (earlier) {
    try {
      return await getVideoUpload({ slug, lessonKey, uploadId: earlier });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      remember(key, null); // expired or finished meanwhile: start again
    }
  }
  const session = await startVideoUpload({ slug, lessonKey, filename: file.name, size: file.size });
  remember(key, session.id);
  return session;
}

/**
 * Upload `file` to a lesson's resumable upload and resolve with the finished session (its `video`
 * is the transcode's status). Throws `UploadCancelled` when `signal` aborts, an `ApiError` when the
 * server refuses (the session is then forgotten) or the network stays down through every retry.
 */
export async function uploadVideoInChunks(options: ChunkedUploadOptions): Promise<VideoUpload> {
  const {
    slug,
    lessonKey,
    file,
    signal,
    onProgress,
    chunkBytes = CHUNK_BYTES,
    retryDelays = RETRY_DELAYS_MILLISECONDS,
    sleep = wait,
  } = options;
  const key = resumeKey(lessonKey, file);
  let session = await openSession(options, key);
  options.onSession?.(session.id);
  let offset = session.offset;
  let failures = 0;
  onProgress(offset);
  for (;;) {
    throwIfCancelled(signal);
    const start = offset;
    let answer: { status: number; body: unknown };
    try {
      answer = await sendVideoChunk({
        slug,
        lessonKey,
        uploadId: session.id,
        offset: start,
        chunk: file.slice(start, start + chunkBytes),
        onProgress: (sent) => {
          onProgress(start + sent);
        },
        signal,
      });
      if (answer.status >= 500) throw toApiError(answer.status, answer.body);
    } catch (error) {
      throwIfCancelled(signal);
      if (!isRetryable(error) || failures >= retryDelays.length) throw error;
      const delay = retryDelays[failures] ?? 0;
      failures += 1;
      options.onRetry?.(failures, delay);
      await sleep(delay, signal);
      throwIfCancelled(signal);
      try {
        session = await getVideoUpload({ slug, lessonKey, uploadId: session.id });
        offset = session.offset;
        onProgress(offset);
      } catch (askError) {
        if (!isRetryable(askError)) throw askError;
      }
      continue;
    }
    if (answer.status === 409) {
      offset = (answer.body as { offset: number }).offset;
      continue;
    }
    if (answer.status < 200 || answer.status >= 300) {
      remember(key, null);
      throw toApiError(answer.status, answer.body);
    }
    failures = 0;
    session = answer.body as VideoUpload;
    offset = session.offset;
    onProgress(offset);
    if (session.is_complete) {
      remember(key, null);
      return session;
    }
  }
}

/** Cancel a session (its received bytes are deleted) and forget it for this file. */
export async function cancelChunkedUpload({
  slug,
  lessonKey,
  file,
  uploadId,
}: {
  slug: string;
  lessonKey: string;
  file: File;
  uploadId: string;
}): Promise<void> {
  remember(resumeKey(lessonKey, file), null);
  try {
    await cancelVideoUpload({ slug, lessonKey, uploadId });
  } catch (error) {
    // Already gone (finished or expired) is what cancelling wants.
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
}
