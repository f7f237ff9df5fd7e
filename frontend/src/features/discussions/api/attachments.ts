/** POST /api/v1/courses/{slug}/discussions/attachments — upload a file before the post that
 * claims it (by its `key` in `attachment_keys`). Through XMLHttpRequest, for upload progress. */
import type { components } from '@/api/schema';
import { uploadFile } from '@/lib/http';

export type UploadedAttachment = components['schemas']['PostAttachment'];

/** The attachments a post may carry (the backend's MAX_ATTACHMENTS_PER_POST). */
export const MAX_ATTACHMENTS_PER_POST = 5;

/** What the backend accepts (checked there by the bytes; here only to filter the file picker). */
export const ATTACHMENT_ACCEPT = '.png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf';

/** Resolves with the stored attachment; rejects with an `UploadError` (`too_large`,
 * `unsupported_type`, a `file` field error) or a network `ApiError`. */
export function uploadAttachment(
  courseSlug: string,
  file: File,
  onProgress: (share: number) => void,
): Promise<UploadedAttachment> {
  return uploadFile<UploadedAttachment>(
    `/api/v1/courses/${encodeURIComponent(courseSlug)}/discussions/attachments`,
    file,
    onProgress,
  );
}
