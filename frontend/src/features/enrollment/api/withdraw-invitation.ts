/** POST /api/v1/courses/<slug>/invitations/<id>/withdraw — staff: its link stops working. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { StaffInvitation } from '../types';
import { COURSE_INVITATIONS_QUERY_KEY } from './list-course-invitations';

export function withdrawInvitation({
  course,
  invitationId,
}: {
  course: string;
  invitationId: number;
}): Promise<StaffInvitation> {
  return unwrap(
    apiClient.POST('/api/v1/courses/{slug}/invitations/{invitation_id}/withdraw', {
      params: { path: { slug: course, invitation_id: invitationId } },
    }),
  );
}

export function useWithdrawInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: withdrawInvitation,
    onSuccess: (_withdrawn, { course }) =>
      queryClient.invalidateQueries({ queryKey: [...COURSE_INVITATIONS_QUERY_KEY, course] }),
  });
}
