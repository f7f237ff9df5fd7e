/** The bell: my unread count (polled), my notifications, marking them read. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, unwrap } from '@/lib/api-client';

export type Notification = components['schemas']['Notification'];
export type NotificationPage = components['schemas']['PaginatedNotificationList'];

export const NOTIFICATIONS_QUERY_KEY = ['accounts', 'notifications'] as const;
/** How often the header asks for the unread count while a page is open. */
const UNREAD_POLL_MS = 60_000;

/** GET /api/v1/notifications/unread-count */
export function useUnreadCount({ isEnabled }: { isEnabled: boolean }) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_QUERY_KEY, 'unread'] as const,
    queryFn: () => unwrap(apiClient.GET('/api/v1/notifications/unread-count')),
    enabled: isEnabled,
    refetchInterval: UNREAD_POLL_MS,
  });
}

/** GET /api/v1/notifications/ */
export function useNotifications(page: number) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_QUERY_KEY, 'list', page] as const,
    queryFn: () => unwrap(apiClient.GET('/api/v1/notifications/', { params: { query: { page } } })),
  });
}

/** POST /api/v1/notifications/read — the given ones, or all when `ids` is null. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[] | null) =>
      unwrap(apiClient.POST('/api/v1/notifications/read', { body: { ids } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_QUERY_KEY }),
  });
}
