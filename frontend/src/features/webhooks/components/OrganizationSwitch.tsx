/** The organisations I administer, as links, when there is more than one. */
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

import { type AdministeredOrganization, webhooksPath } from '../organizations';

export function OrganizationSwitch({
  organizations,
}: {
  organizations: readonly AdministeredOrganization[];
}) {
  const { t } = useTranslation();
  if (organizations.length < 2) return null;
  return (
    <nav aria-label={t('webhooks.organizations')}>
      <ul className="webhook-organizations">
        {organizations.map((organization) => (
          <li key={organization.slug}>
            <NavLink to={webhooksPath(organization.slug)}>{organization.name}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
