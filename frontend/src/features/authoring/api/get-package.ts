/** GET /api/v1/authoring/courses/<slug>/package — a version as an `icim-course/1` package. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { CoursePackage } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

/** `version` undefined: the working version, else the latest. */
export async function getPackage(slug: string, version?: number): Promise<CoursePackage> {
  // The answer's shape (`CoursePackage`) is the one the editor saves (`CoursePackageRequest`).
  const data = await unwrap(
    apiClient.GET('/api/v1/authoring/courses/{slug}/package', {
      params: { path: { slug }, query: version === undefined ? {} : { version } },
    }),
  );
  return data;
}

export function packageQueryOptions(slug: string, version?: number) {
  return queryOptions({
    queryKey: [...AUTHORING_QUERY_KEY, 'package', slug, version ?? 'working'] as const,
    queryFn: () => getPackage(slug, version),
    // The editor owns its copy once loaded: refetching would overwrite unsaved edits.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function usePackage(slug: string, version?: number) {
  return useQuery(packageQueryOptions(slug, version));
}

export function packageExportUrl(slug: string, version?: number): string {
  const query = version === undefined ? '' : `?version=${String(version)}`;
  return `/api/v1/authoring/courses/${encodeURIComponent(slug)}/package${query}`;
}

export function archiveExportUrl(slug: string, version?: number): string {
  const query = version === undefined ? '' : `?version=${String(version)}`;
  return `/api/v1/authoring/courses/${encodeURIComponent(slug)}/archive${query}`;
}
