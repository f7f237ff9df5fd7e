/** /api/v1/authoring/practices/… — drafts, edits, attachments and review steps of my organisations'
 * case studies. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { uploadFile } from '@/lib/http';

import type {
  AuthoringCaseStudy,
  AuthoringListItem,
  CaseStudyAttachment,
  CaseStudyInput,
  CreateCaseStudy,
  ReviewAction,
} from '../types';

export const AUTHORING_PRACTICES_KEY = ['practices', 'authoring'] as const;

export function useMyCaseStudies() {
  return useQuery({
    queryKey: [...AUTHORING_PRACTICES_KEY, 'list'] as const,
    queryFn: async (): Promise<AuthoringListItem[]> => {
      const page = await unwrap(
        apiClient.GET('/api/v1/authoring/practices/', { params: { query: { page_size: 100 } } }),
      );
      return page.results;
    },
  });
}

export function useAuthoringCaseStudy(slug: string | undefined) {
  return useQuery({
    queryKey: [...AUTHORING_PRACTICES_KEY, 'detail', slug] as const,
    queryFn: (): Promise<AuthoringCaseStudy> =>
      unwrap(
        apiClient.GET('/api/v1/authoring/practices/{slug}/', {
          params: { path: { slug: slug ?? '' } },
        }),
      ),
    enabled: Boolean(slug),
  });
}

export function useCreateCaseStudy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCaseStudy): Promise<AuthoringCaseStudy> =>
      unwrap(apiClient.POST('/api/v1/authoring/practices/', { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: AUTHORING_PRACTICES_KEY });
    },
  });
}

export function useUpdateCaseStudy(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseStudyInput): Promise<AuthoringCaseStudy> =>
      unwrap(
        apiClient.PUT('/api/v1/authoring/practices/{slug}/', { params: { path: { slug } }, body }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: AUTHORING_PRACTICES_KEY });
    },
  });
}

export function useReviewStep(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      action,
      comment,
    }: {
      action: ReviewAction;
      comment: string;
    }): Promise<AuthoringCaseStudy> =>
      unwrap(
        apiClient.POST('/api/v1/authoring/practices/{slug}/transitions', {
          params: { path: { slug } },
          body: { action, comment },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['practices'] });
    },
  });
}

/** The attachments a case study may have (the backend's MAX_ATTACHMENTS). */
export const MAX_CASE_STUDY_ATTACHMENTS = 10;

/**
 * POST /api/v1/authoring/practices/{slug}/attachments — attach a file to a draft, with upload
 * progress (XMLHttpRequest). The answer joins the cached case study without refetching it, so the
 * editor keeps unsaved edits (it is keyed by `updated_at`).
 */
export function useUploadCaseStudyAttachment(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      file,
      onProgress,
    }: {
      file: File;
      onProgress: (share: number) => void;
    }): Promise<CaseStudyAttachment> =>
      uploadFile<CaseStudyAttachment>(
        `/api/v1/authoring/practices/${encodeURIComponent(slug)}/attachments`,
        file,
        onProgress,
      ),
    onSuccess: (attachment) => {
      queryClient.setQueryData<AuthoringCaseStudy>(
        [...AUTHORING_PRACTICES_KEY, 'detail', slug],
        (current) => current && { ...current, attachments: [...current.attachments, attachment] },
      );
    },
  });
}
