/** The organisations a user belongs to and their role in each. */
import { useTranslation } from 'react-i18next';

import { countryName } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import type { Membership } from '../types';

export function MembershipList({ memberships }: { memberships: readonly Membership[] }) {
  const { t } = useTranslation();
  const language = useLanguage();

  if (memberships.length === 0) {
    return <p className="muted">{t('profile.noMemberships')}</p>;
  }
  return (
    <div className="table-wrapper">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('profile.membershipOrganization')}</th>
            <th scope="col">{t('profile.membershipKind')}</th>
            <th scope="col">{t('profile.membershipCountry')}</th>
            <th scope="col">{t('profile.membershipRole')}</th>
          </tr>
        </thead>
        <tbody>
          {memberships.map(({ organization, role }) => (
            <tr key={`${organization.slug}:${role}`}>
              <th scope="row">{organization.name}</th>
              <td>{t(`organizationKind.${organization.kind}`)}</td>
              <td>{countryName(organization.country, language)}</td>
              <td>{t(`role.${role}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
