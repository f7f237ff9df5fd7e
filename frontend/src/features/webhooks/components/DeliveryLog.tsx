/** An endpoint's delivery log: newest first, a page at a time, filtered by state and event type
 * (all kept in the URL), with one delivery's detail and its redelivery. */
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { DELIVERY_PAGE_SIZE, useDeliveries } from '../api/list-deliveries';
import { useRedeliver } from '../api/redeliver';
import { DELIVERY_EVENT_TYPES, DELIVERY_STATES, eventTypeLabelKey } from '../event-types';
import type { DeliveryEventType, DeliveryFilters, DeliveryState } from '../types';
import { DeliveryDetail } from './DeliveryDetail';
import { DeliveryStateBadge } from './DeliveryStateBadge';
import { EventTypeName } from './EventTypeList';

function readFilters(params: URLSearchParams): DeliveryFilters {
  const state = params.get('state') ?? '';
  const eventType = params.get('event_type') ?? '';
  const page = Number(params.get('page') ?? '1');
  return {
    state: (DELIVERY_STATES as readonly string[]).includes(state) ? (state as DeliveryState) : '',
    eventType: (DELIVERY_EVENT_TYPES as readonly string[]).includes(eventType)
      ? (eventType as DeliveryEventType)
      : '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function DeliveryLog({
  organizationSlug,
  endpointId,
  isEndpointActive,
  onRedelivered,
}: {
  organizationSlug: string;
  endpointId: string;
  isEndpointActive: boolean;
  /** A redelivery was made (the page says so in its live region). */
  onRedelivered: (deliveryId: number) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const selectedId = Number(params.get('delivery') ?? '');
  const deliveries = useDeliveries(organizationSlug, endpointId, filters);
  const redeliver = useRedeliver(organizationSlug, endpointId);
  const page = deliveries.data;
  const pageCount = page ? Math.max(1, Math.ceil(page.count / DELIVERY_PAGE_SIZE)) : 1;
  const selected = page?.results.find((delivery) => delivery.id === selectedId);

  function change(values: Record<string, string | null>) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(values)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  }

  function filter(name: 'state' | 'event_type', value: string) {
    redeliver.reset();
    change({ [name]: value, page: null, delivery: null });
  }

  return (
    <section className="stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={headingRef}>
        {t('webhooks.log.title')}
      </h2>
      <form
        className="webhook-filters"
        aria-label={t('webhooks.log.filters')}
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor={`${id}-state`}>
            {t('webhooks.log.stateFilter')}
          </label>
          <select
            id={`${id}-state`}
            className="field__control"
            value={filters.state}
            onChange={(event) => {
              filter('state', event.target.value);
            }}
          >
            <option value="">{t('webhooks.log.anyState')}</option>
            {DELIVERY_STATES.map((state) => (
              <option key={state} value={state}>
                {t(`webhooks.state.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-type`}>
            {t('webhooks.log.eventFilter')}
          </label>
          <select
            id={`${id}-type`}
            className="field__control"
            value={filters.eventType}
            onChange={(event) => {
              filter('event_type', event.target.value);
            }}
          >
            <option value="">{t('webhooks.log.anyEvent')}</option>
            {DELIVERY_EVENT_TYPES.map((eventType) => {
              const key = eventTypeLabelKey(eventType);
              return (
                <option key={eventType} value={eventType}>
                  {key ? t(key) : eventType}
                </option>
              );
            })}
          </select>
        </div>
      </form>
      {deliveries.isPending && <LoadingState />}
      {deliveries.isError && (
        <RequestError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      )}
      {page?.count === 0 && (
        <p className="card">
          {filters.state || filters.eventType
            ? t('webhooks.log.noneMatch')
            : t('webhooks.log.empty')}
        </p>
      )}
      {page && page.count > 0 && (
        <>
          <p className="muted">
            {t('webhooks.log.count', {
              count: page.count,
            })}
          </p>
          <div className="table-wrapper">
            <table className="table webhook-log">
              <caption className="visually-hidden">{t('webhooks.log.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('webhooks.log.created')}</th>
                  <th scope="col">{t('webhooks.log.event')}</th>
                  <th scope="col">{t('webhooks.log.state')}</th>
                  <th scope="col">{t('webhooks.log.attempts')}</th>
                  <th scope="col">{t('webhooks.log.statusCode')}</th>
                  <th scope="col">{t('webhooks.log.duration')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('webhooks.log.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.results.map((delivery) => (
                  <tr
                    key={delivery.id}
                    aria-current={delivery.id === selectedId ? 'true' : undefined}
                  >
                    <td>{formatDateTime(delivery.created_at, language)}</td>
                    <td>
                      <EventTypeName eventType={delivery.event_type} />
                    </td>
                    <td>
                      <DeliveryStateBadge delivery={delivery} />
                    </td>
                    <td>{formatNumber(delivery.attempt_count, language)}</td>
                    <td>
                      {delivery.last_response_status === null
                        ? t('webhooks.delivery.none')
                        : String(delivery.last_response_status)}
                    </td>
                    <td>
                      {delivery.last_response_ms === null
                        ? t('webhooks.delivery.none')
                        : t('webhooks.delivery.milliseconds', {
                            value: formatNumber(delivery.last_response_ms, language),
                          })}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button--small"
                        aria-expanded={delivery.id === selectedId}
                        onClick={() => {
                          redeliver.reset();
                          change({
                            delivery: delivery.id === selectedId ? null : String(delivery.id),
                          });
                        }}
                      >
                        {t('webhooks.log.details')}
                        <span className="visually-hidden">
                          {' '}
                          {t('webhooks.delivery.title', {
                            id: formatNumber(delivery.id, language),
                          })}
                        </span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pageCount > 1 && (
            <nav className="button-row" aria-label={t('pagination.label')}>
              <button
                type="button"
                className="button"
                disabled={filters.page <= 1}
                onClick={() => {
                  change({ page: String(filters.page - 1), delivery: null });
                }}
              >
                {t('pagination.previous')}
              </button>
              <span>
                {t('webhooks.log.pageOf', {
                  page: formatNumber(filters.page, language),
                  pages: formatNumber(pageCount, language),
                })}
              </span>
              <button
                type="button"
                className="button"
                disabled={filters.page >= pageCount}
                onClick={() => {
                  change({ page: String(filters.page + 1), delivery: null });
                }}
              >
                {t('pagination.next')}
              </button>
            </nav>
          )}
        </>
      )}
      <ErrorBanner error={redeliver.error} />
      {selected && (
        <DeliveryDetail
          delivery={selected}
          canRedeliver={isEndpointActive && selected.state !== 'pending'}
          isRedelivering={redeliver.isPending}
          onRedeliver={() => {
            redeliver.mutate(selected.id, {
              onSuccess: (made) => {
                onRedelivered(made.id);
                change({ page: null, state: null, event_type: null, delivery: String(made.id) });
              },
            });
          }}
          onClose={() => {
            change({ delivery: null });
            headingRef.current?.focus();
          }}
        />
      )}
    </section>
  );
}
