/** POST /api/v1/authoring/courses/<slug>/lessons/<key>/package — upload a package lesson's SCORM /
 * cmi5 zip with progress (XMLHttpRequest: fetch, so the typed client, reports no upload progress). */
import { uploadFile } from '@/lib/http';

import type { ElearningPackageReport } from '../types';

/**
 * 202 with the report (state "storing") once the zip's listing and manifest passed; a refusal
 * rejects with an `UploadError` whose body is an `ElearningPackageRefusal` (`problems`).
 */
export function uploadLessonElearningPackage({
  slug,
  lessonKey,
  file,
  onProgress,
}: {
  slug: string;
  lessonKey: string;
  file: File;
  onProgress: (share: number) => void;
}): Promise<ElearningPackageReport> {
  const path =
    `/api/v1/authoring/courses/${encodeURIComponent(slug)}/lessons/` +
    `${encodeURIComponent(lessonKey)}/package`;
  return uploadFile<ElearningPackageReport>(path, file, onProgress);
}
