/** An organisation's moderation settings: running mutes (list, mute for some days, end now) and
 * the word list whose matches are held for moderation. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { Mute, MuteInput } from '../types';
import { DISCUSSIONS_QUERY_KEY } from './threads';

function mutesQueryKey(organizationSlug: string) {
  return [...DISCUSSIONS_QUERY_KEY, 'mutes', organizationSlug] as const;
}

function wordFilterQueryKey(organizationSlug: string) {
  return [...DISCUSSIONS_QUERY_KEY, 'word-filter', organizationSlug] as const;
}

/** GET /api/v1/discussions/moderation/{slug}/mutes — ending soonest first. */
export function listMutes(organizationSlug: string): Promise<Mute[]> {
  return unwrap(
    apiClient.GET('/api/v1/discussions/moderation/{slug}/mutes', {
      params: { path: { slug: organizationSlug } },
    }),
  );
}

export function useMutes(organizationSlug: string) {
  return useQuery({
    queryKey: mutesQueryKey(organizationSlug),
    queryFn: () => listMutes(organizationSlug),
  });
}

/** POST /api/v1/discussions/moderation/{slug}/mutes — replaces an earlier mute of that user. */
export function useMuteUser(organizationSlug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MuteInput): Promise<Mute> =>
      unwrap(
        apiClient.POST('/api/v1/discussions/moderation/{slug}/mutes', {
          params: { path: { slug: organizationSlug } },
          body: input,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mutesQueryKey(organizationSlug) }),
  });
}

/** DELETE /api/v1/discussions/moderation/{slug}/mutes/{user_id} — end a mute now. */
export function useEndMute(organizationSlug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) =>
      unwrap(
        apiClient.DELETE('/api/v1/discussions/moderation/{slug}/mutes/{user_id}', {
          params: { path: { slug: organizationSlug, user_id: userId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mutesQueryKey(organizationSlug) }),
  });
}

/** GET /api/v1/discussions/moderation/{slug}/word-filter */
export function getWordFilter(organizationSlug: string): Promise<string[]> {
  return unwrap(
    apiClient.GET('/api/v1/discussions/moderation/{slug}/word-filter', {
      params: { path: { slug: organizationSlug } },
    }),
  ).then((answer) => answer.words);
}

export function useWordFilter(organizationSlug: string) {
  return useQuery({
    queryKey: wordFilterQueryKey(organizationSlug),
    queryFn: () => getWordFilter(organizationSlug),
  });
}

/** PUT /api/v1/discussions/moderation/{slug}/word-filter — the server trims and drops blanks and
 * repeats, and answers with the list it kept. */
export function useSaveWordFilter(organizationSlug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (words: string[]): Promise<string[]> =>
      unwrap(
        apiClient.PUT('/api/v1/discussions/moderation/{slug}/word-filter', {
          params: { path: { slug: organizationSlug } },
          body: { words },
        }),
      ).then((answer) => answer.words),
    onSuccess: (words) => {
      queryClient.setQueryData(wordFilterQueryKey(organizationSlug), words);
    },
  });
}
