/** /studio/webhooks/:organization/new — register an endpoint; its secret is shown here once. */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { useDocumentTitle } from '@/lib/use-document-title';

import { useCreateEndpoint } from '../api/create-endpoint';
import { EndpointForm } from '../components/EndpointForm';
import { SecretPanel } from '../components/SecretPanel';
import { type AdministeredOrganization, webhooksPath } from '../organizations';
import '../webhooks.css';

export function NewEndpointPage({
  organizations,
}: {
  organizations: readonly AdministeredOrganization[];
}) {
  const { t } = useTranslation();
  const { organization: slug = '' } = useParams();
  const name = organizations.find((item) => item.slug === slug)?.name ?? slug;
  const create = useCreateEndpoint(slug);
  useDocumentTitle(t('webhooks.new.title'));
  const created = create.data;

  return (
    <div className="stack">
      <Link className="back-link" to={webhooksPath(slug)}>
        {t('webhooks.backToList')}
      </Link>
      <header className="page-header">
        <h1>{t('webhooks.new.title')}</h1>
        <p className="muted">{name}</p>
      </header>
      {created ? (
        <>
          <SecretPanel title={t('webhooks.new.created')} secret={created.secret}>
            <p>
              {t('webhooks.new.createdFor')}{' '}
              <code dir="ltr" className="webhook-url">
                {created.url}
              </code>
            </p>
          </SecretPanel>
          <div className="button-row">
            <Link className="button button--primary" to={webhooksPath(slug, created.id)}>
              {t('webhooks.new.openEndpoint')}
            </Link>
            <Link className="button" to={webhooksPath(slug)}>
              {t('webhooks.backToList')}
            </Link>
          </div>
        </>
      ) : (
        <section className="card">
          <EndpointForm
            initial={{ url: '', description: '', eventTypes: [] }}
            submitLabel={t('webhooks.new.submit')}
            isPending={create.isPending}
            error={create.error}
            onChange={() => {
              if (create.isError) create.reset();
            }}
            onSubmit={(input) => {
              create.mutate(input);
            }}
          />
        </section>
      )}
    </div>
  );
}
