/** The replies of a thread and what readers do to a post: reply, upvote, endorse, delete,
 * report, and the moderator's hide/restore. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { PostModerationAction, PostPage } from '../types';
import { DISCUSSIONS_QUERY_KEY } from './threads';

/** GET /api/v1/discussions/threads/{thread_id}/posts/ */
export function listPosts(threadId: number, page: number): Promise<PostPage> {
  return unwrap(
    apiClient.GET('/api/v1/discussions/threads/{thread_id}/posts/', {
      params: { path: { thread_id: threadId }, query: { page, page_size: 50 } },
    }),
  );
}

export function usePosts(threadId: number, page: number) {
  return useQuery({
    queryKey: [...DISCUSSIONS_QUERY_KEY, 'posts', threadId, page] as const,
    queryFn: () => listPosts(threadId, page),
  });
}

function usePostMutation<Input>(send: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DISCUSSIONS_QUERY_KEY }),
  });
}

/** POST /api/v1/discussions/threads/{thread_id}/posts/ */
export function useReply(threadId: number) {
  return usePostMutation(
    (input: { body: string; parent_id?: number | null; attachment_keys?: string[] }) =>
      unwrap(
        apiClient.POST('/api/v1/discussions/threads/{thread_id}/posts/', {
          params: { path: { thread_id: threadId } },
          body: input,
        }),
      ),
  );
}

/** PUT /api/v1/discussions/posts/{post_id}/upvote */
export function useUpvote() {
  return usePostMutation(({ postId, isUpvoted }: { postId: number; isUpvoted: boolean }) =>
    unwrap(
      apiClient.PUT('/api/v1/discussions/posts/{post_id}/upvote', {
        params: { path: { post_id: postId } },
        body: { is_upvoted: isUpvoted },
      }),
    ),
  );
}

/** PUT /api/v1/discussions/posts/{post_id}/endorse */
export function useEndorse() {
  return usePostMutation(({ postId, isEndorsed }: { postId: number; isEndorsed: boolean }) =>
    unwrap(
      apiClient.PUT('/api/v1/discussions/posts/{post_id}/endorse', {
        params: { path: { post_id: postId } },
        body: { is_endorsed: isEndorsed },
      }),
    ),
  );
}

/** DELETE /api/v1/discussions/posts/{post_id} */
export function useDeletePost() {
  return usePostMutation((postId: number) =>
    unwrap(
      apiClient.DELETE('/api/v1/discussions/posts/{post_id}', {
        params: { path: { post_id: postId } },
      }),
    ),
  );
}

/** POST /api/v1/discussions/posts/{post_id}/reports */
export function useReport() {
  return useMutation({
    mutationFn: ({ postId, reason }: { postId: number; reason: string }) =>
      unwrap(
        apiClient.POST('/api/v1/discussions/posts/{post_id}/reports', {
          params: { path: { post_id: postId } },
          body: { reason },
        }),
      ),
  });
}

/** POST /api/v1/discussions/posts/{post_id}/moderate */
export function useModeratePost() {
  return usePostMutation(({ postId, action }: { postId: number; action: PostModerationAction }) =>
    unwrap(
      apiClient.POST('/api/v1/discussions/posts/{post_id}/moderate', {
        params: { path: { post_id: postId } },
        body: { action },
      }),
    ),
  );
}
