/** The event types an endpoint can subscribe to, in the order the form lists them, and the
 * translation key of each one's human label (keys cannot contain the types' dots). */
import type { DeliveryEventType, DeliveryState, EventType } from './types';

export const EVENT_TYPES: readonly EventType[] = [
  'certificate.issued',
  'certificate.revoked',
  'enrollment.completed',
  'program.completed',
  'event.attended',
];

export const DELIVERY_EVENT_TYPES: readonly DeliveryEventType[] = [...EVENT_TYPES, 'webhook.test'];

export const DELIVERY_STATES: readonly DeliveryState[] = ['pending', 'succeeded', 'failed'];

const LABEL_KEYS = {
  'certificate.issued': 'webhooks.eventType.certificateIssued',
  'certificate.revoked': 'webhooks.eventType.certificateRevoked',
  'enrollment.completed': 'webhooks.eventType.enrollmentCompleted',
  'program.completed': 'webhooks.eventType.programCompleted',
  'event.attended': 'webhooks.eventType.eventAttended',
  'webhook.test': 'webhooks.eventType.webhookTest',
} as const satisfies Record<DeliveryEventType, string>;

type LabelKey = (typeof LABEL_KEYS)[DeliveryEventType];

/** The label's key of an event type; null for an unknown one (a newer server): show it as is. */
export function eventTypeLabelKey(eventType: string): LabelKey | null {
  return (LABEL_KEYS as Record<string, LabelKey | undefined>)[eventType] ?? null;
}
