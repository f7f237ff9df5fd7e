/** One delivery in full: what was sent (event, message id, payload) and how its last attempt went
 * (attempts, status code, duration, error), with "Redeliver" for a finished one. */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { formatDateTime, formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import type { Delivery } from '../types';
import { DeliveryStateBadge } from './DeliveryStateBadge';
import { EventTypeName } from './EventTypeList';

export function DeliveryDetail({
  delivery,
  canRedeliver,
  isRedelivering,
  onRedeliver,
  onClose,
}: {
  delivery: Delivery;
  canRedeliver: boolean;
  isRedelivering: boolean;
  onRedeliver: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [delivery.id]);

  const none = t('webhooks.delivery.none');
  return (
    <section className="card stack stack--small" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} tabIndex={-1} ref={headingRef}>
        {t('webhooks.delivery.title', { id: formatNumber(delivery.id, language) })}
      </h3>
      <dl className="webhook-facts">
        <dt>{t('webhooks.delivery.event')}</dt>
        <dd>
          <EventTypeName eventType={delivery.event_type} />{' '}
          <code dir="ltr">{delivery.event_type}</code>
        </dd>
        <dt>{t('webhooks.delivery.state')}</dt>
        <dd>
          <DeliveryStateBadge delivery={delivery} />
        </dd>
        <dt>{t('webhooks.delivery.messageId')}</dt>
        <dd>
          <code dir="ltr">{delivery.message_id}</code>
        </dd>
        <dt>{t('webhooks.delivery.created')}</dt>
        <dd>{formatDateTime(delivery.created_at, language)}</dd>
        <dt>{t('webhooks.delivery.attempts')}</dt>
        <dd>{formatNumber(delivery.attempt_count, language)}</dd>
        <dt>{t('webhooks.delivery.lastAttempt')}</dt>
        <dd>
          {delivery.last_attempt_at ? formatDateTime(delivery.last_attempt_at, language) : none}
        </dd>
        <dt>{t('webhooks.delivery.statusCode')}</dt>
        <dd>
          {delivery.last_response_status === null ? none : String(delivery.last_response_status)}
        </dd>
        <dt>{t('webhooks.delivery.duration')}</dt>
        <dd>
          {delivery.last_response_ms === null
            ? none
            : t('webhooks.delivery.milliseconds', {
                value: formatNumber(delivery.last_response_ms, language),
              })}
        </dd>
        {delivery.state === 'pending' && delivery.next_attempt_at && (
          <>
            <dt>{t('webhooks.delivery.nextAttempt')}</dt>
            <dd>{formatDateTime(delivery.next_attempt_at, language)}</dd>
          </>
        )}
        <dt>{t('webhooks.delivery.error')}</dt>
        <dd>
          {delivery.last_error ? (
            <code className="webhook-error" dir="ltr">
              {delivery.last_error}
            </code>
          ) : (
            none
          )}
        </dd>
        {delivery.redelivery_of !== null && (
          <>
            <dt>{t('webhooks.delivery.redeliveryOf')}</dt>
            <dd>{formatNumber(delivery.redelivery_of, language)}</dd>
          </>
        )}
      </dl>
      <h4>{t('webhooks.delivery.payload')}</h4>
      <pre
        className="webhook-payload"
        dir="ltr"
        tabIndex={0}
        aria-label={t('webhooks.delivery.payload')}
      >
        {JSON.stringify(delivery.payload, null, 2)}
      </pre>
      <div className="button-row">
        {canRedeliver && (
          <button
            type="button"
            className="button button--primary"
            disabled={isRedelivering}
            onClick={onRedeliver}
          >
            {t('webhooks.delivery.redeliver')}
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          {t('webhooks.delivery.close')}
        </button>
      </div>
    </section>
  );
}
