/** An endpoint's event types by their human labels. */
import { useTranslation } from 'react-i18next';

import { eventTypeLabelKey } from '../event-types';

export function EventTypeName({ eventType }: { eventType: string }) {
  const { t } = useTranslation();
  const key = eventTypeLabelKey(eventType);
  return <>{key ? t(key) : eventType}</>;
}

export function EventTypeList({ eventTypes }: { eventTypes: readonly string[] }) {
  return (
    <ul className="webhook-event-list">
      {eventTypes.map((eventType) => (
        <li key={eventType}>
          <EventTypeName eventType={eventType} />
        </li>
      ))}
    </ul>
  );
}
