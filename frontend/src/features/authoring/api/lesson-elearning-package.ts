/** /api/v1/authoring/courses/<slug>/lessons/<key>/package — a package lesson's SCORM / cmi5 zip:
 * GET the newest upload's report (null when there is none), POST a zip (with upload progress). */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { isApiError } from '@/lib/api-error';
import { uploadFile } from '@/lib/http';
import type { PackageReport } from '@/lib/package-contract';
import { requestJson } from '@/lib/package-http';

export const LESSON_ELEARNING_PACKAGE_QUERY_KEY = [
  'authoring',
  'lesson-elearning-package',
] as const;
/** How often to ask while the package is being unpacked into storage. */
export const STORING_POLL_MILLISECONDS = 1_500;
const NOT_FOUND_STATUS = 404;

function packagePath(slug: string, lessonKey: string): string {
  return `/api/v1/authoring/courses/${encodeURIComponent(slug)}/lessons/${encodeURIComponent(lessonKey)}/package`;
}

/** The newest upload's report; null when the lesson has none yet (the server's 404). */
export async function getLessonElearningPackage(
  slug: string,
  lessonKey: string,
): Promise<PackageReport | null> {
  try {
    return await requestJson<PackageReport>('GET', packagePath(slug, lessonKey));
  } catch (error) {
    if (isApiError(error) && error.status === NOT_FOUND_STATUS) return null;
    throw error;
  }
}

export function lessonElearningPackageQueryOptions(slug: string, lessonKey: string) {
  return queryOptions({
    queryKey: [...LESSON_ELEARNING_PACKAGE_QUERY_KEY, slug, lessonKey] as const,
    queryFn: () => getLessonElearningPackage(slug, lessonKey),
  });
}

/** The report, asked for again while the package is being stored. */
export function useLessonElearningPackage(slug: string, lessonKey: string) {
  return useQuery({
    ...lessonElearningPackageQueryOptions(slug, lessonKey),
    refetchInterval: (query) =>
      query.state.data?.state === 'storing' ? STORING_POLL_MILLISECONDS : false,
  });
}

/**
 * Upload a zip: 202 with the report (state "storing") once its listing and manifest passed; a
 * refusal rejects with an `UploadError` whose body is `{detail, problems}`.
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
}): Promise<PackageReport> {
  return uploadFile<PackageReport>(packagePath(slug, lessonKey), file, onProgress);
}
