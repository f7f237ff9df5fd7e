/** /studio/webhooks/:organization/:endpointId — one endpoint: its state, a test delivery,
 * enabling or disabling it, rotating its secret, its settings, removing it, and its delivery log.
 * Every action's result is said in one live region. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useDeleteEndpoint } from '../api/delete-endpoint';
import { useEndpoint } from '../api/get-endpoint';
import { useRotateSecret } from '../api/rotate-secret';
import { useSendTestDelivery } from '../api/send-test-delivery';
import { useUpdateEndpoint } from '../api/update-endpoint';
import { DeliveryLog } from '../components/DeliveryLog';
import { EndpointForm } from '../components/EndpointForm';
import { EndpointStatus } from '../components/EndpointStatus';
import { EventTypeList } from '../components/EventTypeList';
import { SecretPanel } from '../components/SecretPanel';
import { type AdministeredOrganization, webhooksPath } from '../organizations';
import type { Endpoint } from '../types';
import type { WebhooksPageState } from './WebhooksPage';
import '../webhooks.css';

/** The last action's result, said in the live region (and in the language the page is in now). */
type Announcement =
  | { kind: 'testSent' | 'redelivered'; deliveryId: number }
  | { kind: 'enabled' | 'disabled' | 'rotated' | 'saved' };

function AnnouncementText({ announcement }: { announcement: Announcement }) {
  const { t } = useTranslation();
  const language = useLanguage();
  switch (announcement.kind) {
    case 'testSent':
      return t('webhooks.endpoint.testSent', {
        id: formatNumber(announcement.deliveryId, language),
      });
    case 'redelivered':
      return t('webhooks.delivery.redelivered', {
        id: formatNumber(announcement.deliveryId, language),
      });
    case 'enabled':
      return t('webhooks.endpoint.enabled');
    case 'disabled':
      return t('webhooks.endpoint.disabled');
    case 'rotated':
      return t('webhooks.rotate.done');
    case 'saved':
      return t('webhooks.endpoint.saved');
  }
}

export function EndpointPage({
  organizations,
}: {
  organizations: readonly AdministeredOrganization[];
}) {
  const { t } = useTranslation();
  const { organization: slug = '', endpointId = '' } = useParams();
  const endpoint = useEndpoint(slug, endpointId);
  const name = organizations.find((item) => item.slug === slug)?.name ?? slug;
  useDocumentTitle(t('webhooks.endpoint.title'));

  return (
    <div className="stack">
      <Link className="back-link" to={webhooksPath(slug)}>
        {t('webhooks.backToList')}
      </Link>
      {endpoint.isPending && <LoadingState />}
      {endpoint.isError && (
        <RequestError error={endpoint.error} onRetry={() => void endpoint.refetch()} />
      )}
      {endpoint.data && (
        <EndpointView
          key={endpoint.data.id}
          organizationSlug={slug}
          organizationName={name}
          endpoint={endpoint.data}
        />
      )}
    </div>
  );
}

function EndpointView({
  organizationSlug,
  organizationName,
  endpoint,
}: {
  organizationSlug: string;
  organizationName: string;
  endpoint: Endpoint;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const navigate = useNavigate();
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const [isConfirmingRemoval, setIsConfirmingRemoval] = useState(false);
  const sendTest = useSendTestDelivery(organizationSlug, endpoint.id);
  const toggle = useUpdateEndpoint(organizationSlug, endpoint.id);
  const edit = useUpdateEndpoint(organizationSlug, endpoint.id);
  const rotate = useRotateSecret(organizationSlug, endpoint.id);
  const remove = useDeleteEndpoint(organizationSlug, endpoint.id);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const removeButtonRef = useRef<HTMLButtonElement>(null);
  const wasConfirmingRef = useRef(false);

  useEffect(() => {
    // Into the question when it opens; back to its button when it is cancelled.
    if (isConfirmingRemoval) confirmRef.current?.focus();
    else if (wasConfirmingRef.current) removeButtonRef.current?.focus();
    wasConfirmingRef.current = isConfirmingRemoval;
  }, [isConfirmingRemoval]);

  function announce(next: Announcement) {
    setAnnouncement(next);
  }

  const actionError = sendTest.error ?? toggle.error ?? rotate.error ?? remove.error;

  return (
    <>
      <header className="page-header">
        <h1 className="webhook-url" dir="ltr">
          {endpoint.url}
        </h1>
        <p className="muted">
          {organizationName}
          {endpoint.description && (
            <>
              {' · '}
              <span dir="auto">{endpoint.description}</span>
            </>
          )}
        </p>
      </header>
      <div className="webhook-announcement" role="status" aria-live="polite">
        {announcement && (
          <div className="banner banner--success">
            <p className="banner__message">
              <AnnouncementText announcement={announcement} />
            </p>
          </div>
        )}
      </div>
      <ErrorBanner error={actionError} />
      <section className="card stack stack--small" aria-labelledby={`${id}-overview`}>
        <h2 id={`${id}-overview`}>{t('webhooks.endpoint.overview')}</h2>
        <dl className="webhook-facts">
          <dt>{t('webhooks.column.status')}</dt>
          <dd>
            <EndpointStatus endpoint={endpoint} />
          </dd>
          <dt>{t('webhooks.column.events')}</dt>
          <dd>
            <EventTypeList eventTypes={endpoint.event_types} />
          </dd>
          <dt>{t('webhooks.endpoint.created')}</dt>
          <dd>{formatDateTime(endpoint.created_at, language)}</dd>
          {endpoint.previous_secret_expires_at &&
            new Date(endpoint.previous_secret_expires_at) > new Date() && (
              <>
                <dt>{t('webhooks.endpoint.previousSecret')}</dt>
                <dd>
                  {t('webhooks.endpoint.previousSecretUntil', {
                    date: formatDateTime(endpoint.previous_secret_expires_at, language),
                  })}
                </dd>
              </>
            )}
        </dl>
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            disabled={!endpoint.is_active || sendTest.isPending}
            onClick={() => {
              sendTest.mutate(undefined, {
                onSuccess: (delivery) => {
                  announce({ kind: 'testSent', deliveryId: delivery.id });
                },
              });
            }}
          >
            {t('webhooks.endpoint.sendTest')}
          </button>
          <button
            type="button"
            className="button"
            disabled={toggle.isPending}
            onClick={() => {
              const isActive = !endpoint.is_active;
              toggle.mutate(
                { is_active: isActive },
                {
                  onSuccess: () => {
                    announce({ kind: isActive ? 'enabled' : 'disabled' });
                  },
                },
              );
            }}
          >
            {endpoint.is_active ? t('webhooks.endpoint.disable') : t('webhooks.endpoint.enable')}
          </button>
        </div>
        {!endpoint.is_active && <p className="muted">{t('webhooks.endpoint.disabledNote')}</p>}
      </section>

      <section className="card stack stack--small" aria-labelledby={`${id}-secret`}>
        <h2 id={`${id}-secret`}>{t('webhooks.rotate.title')}</h2>
        <p>{t('webhooks.rotate.explanation')}</p>
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={rotate.isPending}
            onClick={() => {
              rotate.mutate(undefined, {
                onSuccess: () => {
                  announce({ kind: 'rotated' });
                },
              });
            }}
          >
            {t('webhooks.rotate.submit')}
          </button>
        </div>
      </section>
      {rotate.data && (
        <SecretPanel title={t('webhooks.rotate.newSecret')} secret={rotate.data.secret}>
          {rotate.data.previous_secret_expires_at && (
            <p>
              {t('webhooks.rotate.grace', {
                date: formatDateTime(rotate.data.previous_secret_expires_at, language),
              })}
            </p>
          )}
        </SecretPanel>
      )}

      <DeliveryLog
        organizationSlug={organizationSlug}
        endpointId={endpoint.id}
        isEndpointActive={endpoint.is_active}
        onRedelivered={(deliveryId) => {
          announce({ kind: 'redelivered', deliveryId });
        }}
      />

      <section className="card stack" aria-labelledby={`${id}-settings`}>
        <h2 id={`${id}-settings`}>{t('webhooks.endpoint.settings')}</h2>
        <EndpointForm
          initial={{
            url: endpoint.url,
            description: endpoint.description,
            eventTypes: endpoint.event_types,
          }}
          submitLabel={t('webhooks.endpoint.save')}
          isPending={edit.isPending}
          error={edit.error}
          onChange={() => {
            if (edit.isError) edit.reset();
          }}
          onSubmit={(input) => {
            edit.mutate(input, {
              onSuccess: () => {
                announce({ kind: 'saved' });
              },
            });
          }}
        />
      </section>

      <section className="card stack stack--small" aria-labelledby={`${id}-remove`}>
        <h2 id={`${id}-remove`}>{t('webhooks.remove.title')}</h2>
        {isConfirmingRemoval ? (
          <div className="stack stack--small" role="group" aria-labelledby={`${id}-confirm`}>
            <h3 id={`${id}-confirm`} tabIndex={-1} ref={confirmRef}>
              {t('webhooks.remove.confirmTitle')}
            </h3>
            <p>{t('webhooks.remove.confirm', { url: endpoint.url })}</p>
            <div className="button-row">
              <button
                type="button"
                className="button button--danger"
                disabled={remove.isPending}
                onClick={() => {
                  remove.mutate(undefined, {
                    onSuccess: () => {
                      const state: WebhooksPageState = { removedUrl: endpoint.url };
                      void navigate(webhooksPath(organizationSlug), { state });
                    },
                  });
                }}
              >
                {t('webhooks.remove.submit')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setIsConfirmingRemoval(false);
                }}
              >
                {t('common.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <>
            <p>{t('webhooks.remove.explanation')}</p>
            <div className="button-row">
              <button
                type="button"
                className="button button--danger"
                ref={removeButtonRef}
                onClick={() => {
                  setIsConfirmingRemoval(true);
                }}
              >
                {t('webhooks.remove.start')}
              </button>
            </div>
          </>
        )}
      </section>
    </>
  );
}
