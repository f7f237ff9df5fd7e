/** GET /api/v1/invitations/<token> — a course invitation by its link: course, institutions, the
 * invited address and its state; answered to anyone holding the link. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import type { Language } from '@/lib/languages';

import type { Invitation } from '../types';

export const INVITATION_QUERY_KEY = ['enrollment', 'invitation'] as const;

export function getInvitation(token: string): Promise<Invitation> {
  return unwrap(apiClient.GET('/api/v1/invitations/{token}', { params: { path: { token } } }));
}

export function invitationQueryOptions(token: string, language: Language) {
  return queryOptions({
    // The course title comes in the UI language.
    queryKey: [...INVITATION_QUERY_KEY, token, language] as const,
    queryFn: () => getInvitation(token),
  });
}

export function useInvitation(token: string, language: Language) {
  return useQuery(invitationQueryOptions(token, language));
}
