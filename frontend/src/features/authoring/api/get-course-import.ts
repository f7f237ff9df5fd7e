/** GET /api/v1/authoring/interchange/imports/<id> — an import's state, progress and report. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { CourseImport, CourseImportState } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

/** How often an import still at work is asked about again. */
export const IMPORT_POLL_MILLISECONDS = 1000;

/** The states in which the server is still working on the import (the page keeps asking). */
const WORKING_STATES: readonly CourseImportState[] = ['queued', 'analysing', 'importing'];

export function isImportWorking(state: CourseImportState): boolean {
  return WORKING_STATES.includes(state);
}

export function getCourseImport(importId: string): Promise<CourseImport> {
  return unwrap(
    apiClient.GET('/api/v1/authoring/interchange/imports/{import_id}', {
      params: { path: { import_id: importId } },
    }),
  );
}

export function courseImportQueryKey(importId: string) {
  return [...AUTHORING_QUERY_KEY, 'import', importId] as const;
}

export function courseImportQueryOptions(importId: string) {
  return queryOptions({
    queryKey: courseImportQueryKey(importId),
    queryFn: () => getCourseImport(importId),
    refetchInterval: (query) =>
      query.state.data && isImportWorking(query.state.data.state)
        ? IMPORT_POLL_MILLISECONDS
        : false,
  });
}

/** The import, asked for again while the server works on it; idle without an id. */
export function useCourseImport(importId: string | null) {
  return useQuery({
    ...courseImportQueryOptions(importId ?? ''),
    enabled: importId !== null,
  });
}
