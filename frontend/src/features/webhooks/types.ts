/** Types of the webhooks feature, from the generated API schema. */
import type { components, operations } from '@/api/schema';

export type Endpoint = components['schemas']['Endpoint'];
export type EndpointWithSecret = components['schemas']['EndpointWithSecret'];
export type EndpointInput = components['schemas']['EndpointInputRequest'];
export type EndpointChange = components['schemas']['PatchedEndpointUpdateRequest'];
export type EventType = components['schemas']['EventTypesEnum'];
export type Delivery = components['schemas']['Delivery'];
export type DeliveryState = components['schemas']['DeliveryStateEnum'];
export type DeliveryPage = components['schemas']['PaginatedWebhookDeliveryList'];
/** What a delivery can be about: a subscribable event type, or the test message. */
export type DeliveryEventType = NonNullable<
  NonNullable<operations['webhook_deliveries_list']['parameters']['query']>['event_type']
>;

export interface DeliveryFilters {
  state: DeliveryState | '';
  eventType: DeliveryEventType | '';
  page: number;
}
