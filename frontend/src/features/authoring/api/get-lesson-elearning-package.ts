/** GET /api/v1/authoring/courses/<slug>/lessons/<key>/package — a package lesson's SCORM / cmi5
 * zip: the report of its newest upload (null when there is none), asked for again while storing. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';

import type { ElearningPackageReport } from '../types';
import { authoringCourseQueryOptions } from './get-authoring-course';

export const LESSON_ELEARNING_PACKAGE_QUERY_KEY = [
  'authoring',
  'lesson-elearning-package',
] as const;
/** How often to ask while the package is being unpacked into storage. */
export const STORING_POLL_MILLISECONDS = 1_500;
const NOT_FOUND_STATUS = 404;

/** The newest upload's report; null when the lesson has none yet (the server's 404). */
export async function getLessonElearningPackage(
  slug: string,
  lessonKey: string,
): Promise<ElearningPackageReport | null> {
  try {
    return await unwrap(
      apiClient.GET('/api/v1/authoring/courses/{slug}/lessons/{lesson_key}/package', {
        params: { path: { slug, lesson_key: lessonKey } },
      }),
    );
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

/**
 * The lesson's package report, asked for again while the package is being stored. The course
 * detail (which the editor has loaded) carries every package lesson's report (`packages`, by lesson
 * key; a lesson without an upload is not in it), so the lesson asks the server itself only when
 * that detail failed, and then to follow storing; an upload puts its answer here directly.
 */
export function useLessonElearningPackage(slug: string, lessonKey: string) {
  const course = useQuery(authoringCourseQueryOptions(slug));
  const fromCourse = course.data ? (course.data.packages[lessonKey] ?? null) : undefined;
  return useQuery({
    ...lessonElearningPackageQueryOptions(slug, lessonKey),
    enabled: !course.isPending,
    ...(fromCourse !== undefined && {
      initialData: fromCourse,
      initialDataUpdatedAt: course.dataUpdatedAt,
    }),
    // Fresh from the course detail; polling and uploads bring what changes after.
    staleTime: Infinity,
    refetchInterval: (query) =>
      query.state.data?.state === 'storing' ? STORING_POLL_MILLISECONDS : false,
  });
}
