/** A course's threads and one thread: list (filtered, searched), open, start, follow, mark
 * answered, and the moderator's lock/pin. Each fetcher owns its query key. */
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type {
  ThreadDetail,
  ThreadFilters,
  ThreadInput,
  ThreadModerationAction,
  ThreadPage,
} from '../types';

export const DISCUSSIONS_QUERY_KEY = ['discussions'] as const;

/** GET /api/v1/courses/{slug}/discussions/ */
export function listThreads(courseSlug: string, filters: ThreadFilters): Promise<ThreadPage> {
  return unwrap(
    apiClient.GET('/api/v1/courses/{slug}/discussions/', {
      params: { path: { slug: courseSlug }, query: { ...filters, page_size: 20 } },
    }),
  );
}

export function threadsQueryOptions(courseSlug: string, filters: ThreadFilters) {
  return queryOptions({
    queryKey: [...DISCUSSIONS_QUERY_KEY, 'threads', courseSlug, filters] as const,
    queryFn: () => listThreads(courseSlug, filters),
    placeholderData: keepPreviousData,
  });
}

export function useThreads(courseSlug: string, filters: ThreadFilters) {
  return useQuery(threadsQueryOptions(courseSlug, filters));
}

/** GET /api/v1/discussions/threads/{thread_id} */
export function getThread(threadId: number): Promise<ThreadDetail> {
  return unwrap(
    apiClient.GET('/api/v1/discussions/threads/{thread_id}', {
      params: { path: { thread_id: threadId } },
    }),
  );
}

export function threadQueryKey(threadId: number) {
  return [...DISCUSSIONS_QUERY_KEY, 'thread', threadId] as const;
}

export function useThread(threadId: number) {
  return useQuery({ queryKey: threadQueryKey(threadId), queryFn: () => getThread(threadId) });
}

/** POST /api/v1/courses/{slug}/discussions/ */
export function useStartThread(courseSlug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ThreadInput) =>
      unwrap(
        apiClient.POST('/api/v1/courses/{slug}/discussions/', {
          params: { path: { slug: courseSlug } },
          body: input,
        }),
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: [...DISCUSSIONS_QUERY_KEY, 'threads', courseSlug],
      }),
  });
}

function useThreadUpdate<Input>(send: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DISCUSSIONS_QUERY_KEY }),
  });
}

/** PUT /api/v1/discussions/threads/{thread_id}/follow */
export function useFollowThread(threadId: number) {
  return useThreadUpdate((isFollowing: boolean) =>
    unwrap(
      apiClient.PUT('/api/v1/discussions/threads/{thread_id}/follow', {
        params: { path: { thread_id: threadId } },
        body: { is_following: isFollowing },
      }),
    ),
  );
}

/** PUT /api/v1/discussions/threads/{thread_id}/answered */
export function useMarkAnswered(threadId: number) {
  return useThreadUpdate((isAnswered: boolean) =>
    unwrap(
      apiClient.PUT('/api/v1/discussions/threads/{thread_id}/answered', {
        params: { path: { thread_id: threadId } },
        body: { is_answered: isAnswered },
      }),
    ),
  );
}

/** POST /api/v1/discussions/threads/{thread_id}/moderate */
export function useModerateThread(threadId: number) {
  return useThreadUpdate((action: ThreadModerationAction) =>
    unwrap(
      apiClient.POST('/api/v1/discussions/threads/{thread_id}/moderate', {
        params: { path: { thread_id: threadId } },
        body: { action },
      }),
    ),
  );
}
