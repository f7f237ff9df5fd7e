/** GET /api/v1/courses/<slug>/invitations — staff: a course's pending invitations, a page at a time. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { StaffInvitationPage } from '../types';

export const COURSE_INVITATIONS_QUERY_KEY = ['enrollment', 'course-invitations'] as const;

export function listCourseInvitations(course: string, page: number): Promise<StaffInvitationPage> {
  return unwrap(
    apiClient.GET('/api/v1/courses/{slug}/invitations', {
      params: { path: { slug: course }, query: { page } },
    }),
  );
}

export function courseInvitationsQueryOptions(course: string, page: number) {
  return queryOptions({
    queryKey: [...COURSE_INVITATIONS_QUERY_KEY, course, page] as const,
    queryFn: () => listCourseInvitations(course, page),
    placeholderData: keepPreviousData,
  });
}

export function useCourseInvitations(course: string, page: number) {
  return useQuery({ ...courseInvitationsQueryOptions(course, page), enabled: course !== '' });
}
