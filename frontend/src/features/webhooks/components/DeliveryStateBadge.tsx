/** A delivery's state in words: delivered, failed, waiting for its first attempt, or retrying. */
import { useTranslation } from 'react-i18next';

import type { Delivery } from '../types';

export function DeliveryStateBadge({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  if (delivery.state === 'succeeded')
    return <span className="badge badge--webhook-active">{t('webhooks.state.succeeded')}</span>;
  if (delivery.state === 'failed')
    return <span className="badge badge--webhook-failed">{t('webhooks.state.failed')}</span>;
  return (
    <span className="badge badge--webhook-pending">
      {delivery.attempt_count === 0 ? t('webhooks.state.pending') : t('webhooks.state.retrying')}
    </span>
  );
}
