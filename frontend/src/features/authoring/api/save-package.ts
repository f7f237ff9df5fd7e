/**
 * PUT /api/v1/authoring/courses/<slug>/package — replace the draft (a new draft after publication);
 * POST /api/v1/authoring/courses/ for a course that does not exist yet. Both refuse an invalid
 * package whole, listing every problem with its location.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient } from '@/lib/api-client';
import { ApiError, NETWORK_ERROR_CODE, toApiError } from '@/lib/api-error';

import type { CoursePackage, Problem, VersionSummary } from '../types';
import { AUTHORING_QUERY_KEY } from './list-authoring-courses';

/** A refused package: the API error plus its located problems. */
export class PackageRefusedError extends ApiError {
  readonly problems: Problem[];
  constructor(error: ApiError, problems: Problem[]) {
    super({ status: error.status, code: error.code, detail: error.detail, fields: error.fields });
    this.problems = problems;
  }
}

export function problemsOf(body: unknown): Problem[] {
  if (typeof body === 'object' && body !== null && 'problems' in body) {
    const problems = (body as { problems?: unknown }).problems;
    if (Array.isArray(problems)) return problems as Problem[];
  }
  return [];
}

interface ClientResult {
  data?: VersionSummary;
  error?: unknown;
  response: Response;
}

async function send(call: Promise<ClientResult>): Promise<VersionSummary> {
  let result: ClientResult;
  try {
    result = await call;
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, detail: '' });
  }
  if (!result.response.ok)
    throw new PackageRefusedError(
      toApiError(result.response.status, result.error),
      problemsOf(result.error),
    );
  return result.data as VersionSummary;
}

export function savePackage({
  coursePackage,
  isNew,
}: {
  coursePackage: CoursePackage;
  isNew: boolean;
}): Promise<VersionSummary> {
  // The server validates the whole package and answers every problem with its location.
  const body = coursePackage;
  if (isNew) return send(apiClient.POST('/api/v1/authoring/courses/', { body }));
  return send(
    apiClient.PUT('/api/v1/authoring/courses/{slug}/package', {
      params: { path: { slug: coursePackage.course.slug } },
      body,
    }),
  );
}

export function useSavePackage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: savePackage,
    onSuccess: async () => {
      await queryClient.invalidateQueries({
        queryKey: AUTHORING_QUERY_KEY,
        predicate: (query) => query.queryKey[1] !== 'package',
      });
    },
  });
}
