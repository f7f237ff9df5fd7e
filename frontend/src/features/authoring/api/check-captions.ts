/**
 * POST /api/v1/authoring/courses/<slug>/lessons/<key>/captions — check a video lesson's captions in
 * one language (a .vtt file or the edited text). Stores nothing: the answered text goes into the
 * lesson's texts and is saved with the package. A refusal lists every problem by line.
 */
import { useMutation } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient } from '@/lib/api-client';
import { ApiError, NETWORK_ERROR_CODE, toApiError } from '@/lib/api-error';
import { UploadError, uploadFile } from '@/lib/http';

type CaptionsLanguage = components['schemas']['LanguageEnum'];

export type CaptionProblem = components['schemas']['CaptionProblem'];
type CheckedCaptions = components['schemas']['CheckedCaptions'];

/** Captions refused: the API error plus each problem with its line. */
export class CaptionsRefusedError extends ApiError {
  readonly problems: CaptionProblem[];
  constructor(error: ApiError, problems: CaptionProblem[]) {
    super({ status: error.status, code: error.code, detail: error.detail, fields: error.fields });
    this.problems = problems;
  }
}

function captionProblemsOf(body: unknown): CaptionProblem[] {
  if (typeof body === 'object' && body !== null && 'problems' in body) {
    const problems = (body as { problems?: unknown }).problems;
    if (Array.isArray(problems)) return problems as CaptionProblem[];
  }
  return [];
}

function captionsPath(slug: string, lessonKey: string): string {
  return `/api/v1/authoring/courses/${encodeURIComponent(slug)}/lessons/${encodeURIComponent(lessonKey)}/captions`;
}

export async function checkCaptions({
  slug,
  lessonKey,
  language,
  file,
  text,
}: {
  slug: string;
  lessonKey: string;
  language: string;
  file?: File;
  text?: string;
}): Promise<CheckedCaptions> {
  if (file) {
    // A file goes as the project's uploads do (multipart through XMLHttpRequest).
    try {
      return await uploadFile<CheckedCaptions>(
        captionsPath(slug, lessonKey),
        file,
        () => undefined,
        {
          language,
        },
      );
    } catch (error) {
      if (error instanceof UploadError)
        throw new CaptionsRefusedError(error, captionProblemsOf(error.body));
      throw error;
    }
  }
  let result;
  try {
    result = await apiClient.POST(
      '/api/v1/authoring/courses/{slug}/lessons/{lesson_key}/captions',
      {
        params: { path: { slug, lesson_key: lessonKey } },
        // A content language of the course; the server answers 400 for any other.
        body: { language: language as CaptionsLanguage, text: text ?? '' },
        bodySerializer: (body) => {
          const form = new FormData();
          form.append('language', body.language);
          form.append('text', body.text ?? '');
          return form;
        },
      },
    );
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, detail: '' });
  }
  if (!result.response.ok)
    throw new CaptionsRefusedError(
      toApiError(result.response.status, result.error),
      captionProblemsOf(result.error),
    );
  return result.data as CheckedCaptions;
}

export function useCheckCaptions() {
  return useMutation({ mutationFn: checkCaptions });
}
