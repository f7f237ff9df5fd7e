/** Types of the events feature, from the generated API schema. */
import type { components } from '@/api/schema';

export type EventSummary = components['schemas']['EventSummary'];
export type EventItem = components['schemas']['Event'];
export type EventDetail = components['schemas']['EventDetail'];
export type EventDraft = components['schemas']['EventDraftRequest'];
export type StaffRegistration = components['schemas']['StaffRegistration'];
export type MyRegistration = components['schemas']['MyRegistration'];
export type AttendanceRow = components['schemas']['AttendanceRow'];

export interface Page<Item> {
  count: number;
  next: string | null;
  previous: string | null;
  results: Item[];
}

export interface EventFilters {
  kind: string;
  language: string;
  online: string;
  organization: string;
}
