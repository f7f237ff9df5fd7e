/** Staff endpoints: my organisations' events, create, edit, publish, registrations, attendance CSV. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';
import { uploadFile } from '@/lib/http';

import type {
  AttendanceRow,
  EventDetail,
  EventDraft,
  EventItem,
  Page,
  StaffRegistration,
} from '../types';
import { eventQueryKey } from './get-event';

export function staffEventsQueryOptions() {
  return queryOptions({
    queryKey: ['events', 'staff'],
    queryFn: async () =>
      (await unwrap(apiClient.GET('/api/v1/events/staff'))) as unknown as Page<EventItem>,
  });
}

export function useStaffEvents() {
  return useQuery(staffEventsQueryOptions());
}

export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: EventDraft) => unwrap(apiClient.POST('/api/v1/events', { body: draft })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events'] }),
  });
}

export function usePublishEvent(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(apiClient.POST('/api/v1/events/{slug}/publish', { params: { path: { slug } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events'] }),
  });
}

export function registrationsQueryKey(slug: string) {
  return ['events', 'registrations', slug] as const;
}

export function useRegistrations(slug: string) {
  return useQuery({
    queryKey: registrationsQueryKey(slug),
    queryFn: async () =>
      (await unwrap(
        apiClient.GET('/api/v1/events/{slug}/registrations', {
          params: { path: { slug }, query: { page_size: 100 } },
        }),
      )) as unknown as Page<StaffRegistration>,
  });
}

export function useUploadAttendance(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      uploadFile<AttendanceRow[]>(`/api/v1/events/${slug}/attendance`, file, () => undefined),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: registrationsQueryKey(slug) });
      await queryClient.invalidateQueries({ queryKey: eventQueryKey(slug) });
    },
  });
}

/** PUT /api/v1/events/{slug} — change an event (authors and admins of its organisation); 400 names
 * each refused field (end before start, unknown time zone, a missing title, place or URL). */
export function useUpdateEvent(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: EventDraft): Promise<EventDetail> =>
      unwrap(apiClient.PUT('/api/v1/events/{slug}', { params: { path: { slug } }, body: draft })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events'] }),
  });
}
