/** /studio/webhooks/:organization? — an organisation's webhook endpoints (its administrators):
 * URL, description, event types, whether it is active (or why not) and its failure streak. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams } from 'react-router';

import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { SuccessBanner } from '@/components/SuccessBanner';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useEndpoints } from '../api/list-endpoints';
import { EndpointStatus } from '../components/EndpointStatus';
import { EventTypeList } from '../components/EventTypeList';
import { OrganizationSwitch } from '../components/OrganizationSwitch';
import { type AdministeredOrganization, webhooksPath } from '../organizations';
import '../webhooks.css';

/** Router state a page leaves when it sends the reader here after removing an endpoint. */
export interface WebhooksPageState {
  removedUrl?: string;
}

export function WebhooksPage({
  organizations,
}: {
  organizations: readonly AdministeredOrganization[];
}) {
  const { t } = useTranslation();
  const { organization: slug } = useParams();
  useDocumentTitle(t('webhooks.title'));
  const first = organizations[0];
  if (!slug && first) return <Navigate to={webhooksPath(first.slug)} replace />;
  if (!slug) return null;
  const name = organizations.find((item) => item.slug === slug)?.name ?? slug;
  return (
    <EndpointList
      key={slug}
      organizationSlug={slug}
      organizationName={name}
      organizations={organizations}
    />
  );
}

function EndpointList({
  organizationSlug,
  organizationName,
  organizations,
}: {
  organizationSlug: string;
  organizationName: string;
  organizations: readonly AdministeredOrganization[];
}) {
  const { t } = useTranslation();
  const endpoints = useEndpoints(organizationSlug);
  const location = useLocation();
  const removedUrl = (location.state as WebhooksPageState | null)?.removedUrl;
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // After a removal the reader lands here: on the heading, with the confirmation below it.
    if (removedUrl) headingRef.current?.focus();
  }, [removedUrl]);

  return (
    <div className="stack">
      <header className="page-header">
        <h1 tabIndex={-1} ref={headingRef}>
          {t('webhooks.title')}
        </h1>
        <p className="muted">{organizationName}</p>
        <p className="lead">{t('webhooks.intro')}</p>
      </header>
      <OrganizationSwitch organizations={organizations} />
      {removedUrl && <SuccessBanner>{t('webhooks.removed', { url: removedUrl })}</SuccessBanner>}
      <div className="button-row">
        <Link className="button button--primary" to={webhooksPath(organizationSlug, 'new')}>
          {t('webhooks.add')}
        </Link>
      </div>
      {endpoints.isPending && <LoadingState />}
      {endpoints.isError && (
        <RequestError error={endpoints.error} onRetry={() => void endpoints.refetch()} />
      )}
      {endpoints.data?.length === 0 && (
        <p className="card" role="status">
          {t('webhooks.empty')}
        </p>
      )}
      {endpoints.data && endpoints.data.length > 0 && (
        <div className="table-wrapper">
          <table className="table">
            <caption className="visually-hidden">
              {t('webhooks.tableCaption', { organization: organizationName })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.column.endpoint')}</th>
                <th scope="col">{t('webhooks.column.events')}</th>
                <th scope="col">{t('webhooks.column.status')}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((endpoint) => (
                <tr key={endpoint.id}>
                  <th scope="row" className="webhook-endpoint-cell">
                    <Link to={webhooksPath(organizationSlug, endpoint.id)} dir="ltr">
                      {endpoint.url}
                    </Link>
                    {endpoint.description && (
                      <div className="muted" dir="auto">
                        {endpoint.description}
                      </div>
                    )}
                  </th>
                  <td>
                    <EventTypeList eventTypes={endpoint.event_types} />
                  </td>
                  <td>
                    <EndpointStatus endpoint={endpoint} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
