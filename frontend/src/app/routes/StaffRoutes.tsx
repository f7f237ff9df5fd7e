/**
 * The staff side: each route checks the member's roles (for the interface only: the API decides)
 * and composes the authoring, analytics and certificates features.
 */
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';

import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/accounts';
import { CourseImportPage, StudioPage } from '@/features/authoring';
import {
  BulkVerifyPage,
  CertificateTemplatePage,
  InstitutionCertificatesPage,
} from '@/features/certificates/staff';
import { SsoProvidersPage } from '@/features/sso/staff';
import { EndpointPage, NewEndpointPage, WebhooksPage } from '@/features/webhooks';

import { staffAccess } from '../staff-access';
import { Guard } from './StaffGuard';

import './StaffRoutes.css';

/** The studio's own navigation under the header, showing only what the roles allow. */
export function StudioLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const access = staffAccess(me.data);
  return (
    <div className="studio stack">
      {access.canUseStudio && (
        <nav className="studio-nav" aria-label={t('staff.navLabel')}>
          <ul className="studio-nav__list">
            <li>
              <NavLink to="/studio" end>
                {t('staff.courses')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/studio/analytics">{t('staff.analytics')}</NavLink>
            </li>
            <li>
              <NavLink to="/studio/invitations">{t('staff.invitations')}</NavLink>
            </li>
            <li>
              <NavLink to="/studio/practices">{t('practices.studioNav')}</NavLink>
            </li>
            {access.canManageCertificates && (
              <li>
                <NavLink to="/studio/certificates">{t('staff.certificates')}</NavLink>
              </li>
            )}
            {access.canEditTemplate && (
              <li>
                <NavLink to="/studio/certificate-template">{t('staff.template')}</NavLink>
              </li>
            )}
            {access.canConfigureSso && (
              <li>
                <NavLink to="/studio/sso">{t('staff.sso')}</NavLink>
              </li>
            )}
            {access.canManageWebhooks && (
              <li>
                <NavLink to="/studio/webhooks">{t('webhooks.nav')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      )}
      <Suspense fallback={<LoadingState />}>
        <Outlet />
      </Suspense>
    </div>
  );
}

export function StudioRoute() {
  return (
    <Guard allow={(access) => access.canUseStudio}>
      {(access) => (
        <StudioPage canAuthor={access.canAuthor} institutions={access.authoringInstitutions} />
      )}
    </Guard>
  );
}

export function CourseImportRoute() {
  return (
    <Guard allow={(access) => access.canAuthor}>
      {(access) => <CourseImportPage institutions={access.authoringInstitutions} />}
    </Guard>
  );
}

export function InstitutionCertificatesRoute() {
  return (
    <Guard allow={(access) => access.canManageCertificates}>
      {(access) => <InstitutionCertificatesPage canRevoke={access.canManageCertificates} />}
    </Guard>
  );
}

export function CertificateTemplateRoute() {
  return (
    <Guard allow={(access) => access.canEditTemplate}>
      {(access) => <CertificateTemplatePage organizations={access.institutions} />}
    </Guard>
  );
}

export function SsoProvidersRoute() {
  return (
    <Guard allow={(access) => access.canConfigureSso}>
      {(access) => <SsoProvidersPage organizations={access.administeredOrganizations} />}
    </Guard>
  );
}

export function BulkVerifyRoute() {
  return <Guard allow={(access) => access.canVerifyInBulk}>{() => <BulkVerifyPage />}</Guard>;
}

/** An organisation's webhooks: its administrators only (the API answers 404 to anyone else). */
export function WebhooksRoute() {
  return (
    <Guard allow={(access) => access.canManageWebhooks}>
      {(access) => <WebhooksPage organizations={access.administeredOrganizations} />}
    </Guard>
  );
}

export function NewWebhookEndpointRoute() {
  return (
    <Guard allow={(access) => access.canManageWebhooks}>
      {(access) => <NewEndpointPage organizations={access.administeredOrganizations} />}
    </Guard>
  );
}

export function WebhookEndpointRoute() {
  return (
    <Guard allow={(access) => access.canManageWebhooks}>
      {(access) => <EndpointPage organizations={access.administeredOrganizations} />}
    </Guard>
  );
}
