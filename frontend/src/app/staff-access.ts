/**
 * What a member's roles let them see in the navigation. Only a guide for the interface: the API
 * checks every request again and stays the authority.
 */
import type { Me } from '@/features/accounts';

export type Role = Me['memberships'][number]['role'];

export interface StaffOrganization {
  slug: string;
  name: string;
}

const COURSE_STAFF: readonly Role[] = ['author', 'reviewer', 'approver', 'admin'];

export interface StaffAccess {
  roles: Role[];
  /** Organisations in which I hold a course-staff role. */
  institutions: StaffOrganization[];
  /** Organisations in which I may author courses. */
  authoringInstitutions: StaffOrganization[];
  /** Organisations I administer (their single sign-on and webhooks). */
  administeredOrganizations: StaffOrganization[];
  canUseStudio: boolean;
  canAuthor: boolean;
  canManageCertificates: boolean;
  canEditTemplate: boolean;
  canVerifyInBulk: boolean;
  /** Employers I administer: their seat pools. */
  employers: StaffOrganization[];
  canConfigureSso: boolean;
  canManageWebhooks: boolean;
}

function organizationsWith(me: Me, roles: readonly Role[]): StaffOrganization[] {
  const found = new Map<string, StaffOrganization>();
  for (const membership of me.memberships)
    if (roles.includes(membership.role))
      found.set(membership.organization.slug, {
        slug: membership.organization.slug,
        name: membership.organization.name,
      });
  return [...found.values()];
}

export function staffAccess(me: Me | null | undefined): StaffAccess {
  const roles = [...new Set((me?.memberships ?? []).map((membership) => membership.role))];
  const has = (allowed: readonly Role[]) => roles.some((role) => allowed.includes(role));
  return {
    roles,
    institutions: me ? organizationsWith(me, COURSE_STAFF) : [],
    authoringInstitutions: me ? organizationsWith(me, ['author', 'admin']) : [],
    administeredOrganizations: me ? organizationsWith(me, ['admin']) : [],
    canUseStudio: has(COURSE_STAFF),
    canAuthor: has(['author', 'admin']),
    canManageCertificates: has(['approver', 'admin']),
    canEditTemplate: has(['approver', 'admin']),
    canVerifyInBulk: has(['verifier']),
    employers: (me?.memberships ?? [])
      .filter(
        (membership) => membership.role === 'admin' && membership.organization.kind === 'employer',
      )
      .map(({ organization }) => ({ slug: organization.slug, name: organization.name })),
    canConfigureSso: has(['admin']),
    canManageWebhooks: has(['admin']),
  };
}
