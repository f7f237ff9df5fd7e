/** POST /api/v1/enrollments/<id>/events/ — a learning event, idempotent by its client-made id. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

import type { EventInput, EventResult } from '../types';
import { ENROLLMENT_STATE_QUERY_KEY } from './get-enrollment-state';
import { PROGRESS_QUERY_KEY } from './get-progress';
import { ENROLLMENTS_QUERY_KEY } from './list-enrollments';

export interface RecordEventInput {
  enrollmentId: number;
  event: EventInput;
}

export function recordEvent({ enrollmentId, event }: RecordEventInput): Promise<EventResult> {
  return unwrap(
    apiClient.POST('/api/v1/enrollments/{enrollment_id}/events/', {
      params: { path: { enrollment_id: enrollmentId } },
      body: event,
    }),
  );
}

/** A new event id; sending the same id again (a retry) records the event once. */
export function newEventId(): string {
  return crypto.randomUUID();
}

export function useRecordEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordEvent,
    onSuccess: async (result, { enrollmentId }) => {
      // Opening a lesson changes nothing a page shows but the resume point; the rest moves progress.
      await queryClient.invalidateQueries({ queryKey: [...PROGRESS_QUERY_KEY, enrollmentId] });
      if (result.progress.is_complete || result.kind !== 'lesson_opened')
        await queryClient.invalidateQueries({ queryKey: ENROLLMENTS_QUERY_KEY });
      // A completed course is no longer a missing prerequisite of others, nor "enrolled" itself.
      if (result.progress.is_complete)
        await queryClient.invalidateQueries({ queryKey: ENROLLMENT_STATE_QUERY_KEY });
    },
  });
}
