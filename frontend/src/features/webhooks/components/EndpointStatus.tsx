/** Whether an endpoint receives deliveries: active (with its failure streak, if any) or disabled
 * (with the reason and when). */
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import type { Endpoint } from '../types';

export function EndpointStatus({ endpoint }: { endpoint: Endpoint }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="webhook-status">
      {endpoint.is_active ? (
        <span className="badge badge--webhook-active">{t('webhooks.status.active')}</span>
      ) : (
        <span className="badge badge--webhook-disabled">{t('webhooks.status.disabled')}</span>
      )}
      {!endpoint.is_active && endpoint.disabled_reason && (
        <span className="muted">
          {endpoint.disabled_at
            ? t('webhooks.status.disabledReasonAt', {
                reason: endpoint.disabled_reason,
                date: formatDateTime(endpoint.disabled_at, language),
              })
            : endpoint.disabled_reason}
        </span>
      )}
      {endpoint.consecutive_failures > 0 && (
        <span className="muted">
          {endpoint.failing_since
            ? t('webhooks.status.failingSince', {
                count: endpoint.consecutive_failures,
                date: formatDateTime(endpoint.failing_since, language),
              })
            : t('webhooks.status.failures', {
                count: endpoint.consecutive_failures,
              })}
        </span>
      )}
    </div>
  );
}
