/** A delivery's state in words: delivered, failed, waiting for its first attempt, its first attempt
 * under way (counted, not answered yet), or retrying after a failed one. */
import { useTranslation } from 'react-i18next';

import type { Delivery } from '../types';

export function DeliveryStateBadge({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  if (delivery.state === 'succeeded')
    return <span className="badge badge--webhook-active">{t('webhooks.state.succeeded')}</span>;
  if (delivery.state === 'failed')
    return <span className="badge badge--webhook-failed">{t('webhooks.state.failed')}</span>;
  const hasFailed = delivery.last_response_status !== null || delivery.last_error !== '';
  let label = t('webhooks.state.retrying');
  if (delivery.attempt_count === 0) label = t('webhooks.state.pending');
  else if (!hasFailed) label = t('webhooks.state.sending');
  return <span className="badge badge--webhook-pending">{label}</span>;
}
