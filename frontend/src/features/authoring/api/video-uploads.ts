/** /api/v1/authoring/courses/<slug>/lessons/<key>/video/uploads[/<id>] — resumable video uploads:
 * start one, ask how far it got, cancel it, and send a chunk at its offset (with progress). */
import { apiClient, unwrap } from '@/lib/api-client';
import { sendBytes } from '@/lib/http';

import type { VideoUpload } from '../types';

export const CHUNK_MEDIA_TYPE = 'application/offset+octet-stream';

interface LessonRef {
  slug: string;
  lessonKey: string;
}

export function startVideoUpload({
  slug,
  lessonKey,
  filename,
  size,
}: LessonRef & { filename: string; size: number }): Promise<VideoUpload> {
  return unwrap(
    apiClient.POST('/api/v1/authoring/courses/{slug}/lessons/{lesson_key}/video/uploads', {
      params: { path: { slug, lesson_key: lessonKey } },
      body: { filename, size },
    }),
  );
}

type UploadRef = LessonRef & { uploadId: string };

const UPLOAD_PATH =
  '/api/v1/authoring/courses/{slug}/lessons/{lesson_key}/video/uploads/{upload_id}';

/** The path parameters of one upload, as the typed client takes them. */
function uploadParams({ slug, lessonKey, uploadId }: UploadRef) {
  return { params: { path: { slug, lesson_key: lessonKey, upload_id: uploadId } } };
}

export function getVideoUpload(upload: UploadRef): Promise<VideoUpload> {
  return unwrap(apiClient.GET(UPLOAD_PATH, uploadParams(upload)));
}

export function cancelVideoUpload(upload: UploadRef): Promise<unknown> {
  return unwrap(apiClient.DELETE(UPLOAD_PATH, uploadParams(upload)));
}

/** PATCH one chunk starting at `offset`; the raw answer (200, 409 with the offset, or an error). */
export function sendVideoChunk({
  slug,
  lessonKey,
  uploadId,
  offset,
  chunk,
  onProgress,
  signal,
}: UploadRef & {
  offset: number;
  chunk: Blob;
  onProgress: (sentBytes: number) => void;
  signal: AbortSignal;
}): Promise<{ status: number; body: unknown }> {
  const path =
    `/api/v1/authoring/courses/${encodeURIComponent(slug)}/lessons/` +
    `${encodeURIComponent(lessonKey)}/video/uploads/${encodeURIComponent(uploadId)}`;
  return sendBytes(path, chunk, {
    headers: { 'Content-Type': CHUNK_MEDIA_TYPE, 'Upload-Offset': String(offset) },
    onProgress,
    signal,
  });
}
