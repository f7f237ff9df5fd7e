/** Role-aware navigation: each role sees only the staff pages it may use. */
import { describe, expect, it } from 'vitest';

import type { Me } from '@/features/accounts';

import { staffAccess, type Role } from './staff-access';

function member(...roles: Role[]): Me {
  return {
    id: 1,
    email: 'staff@example.org',
    full_name: 'Staff',
    native_name: '',
    preferred_language: 'en',
    country: 'DE',
    is_name_in_credentials: true,
    date_joined: '2026-01-01T00:00:00Z',
    memberships: roles.map((role) => ({
      role,
      organization: {
        slug: 'rhine-valley-tu',
        name: 'Rhine Valley TU',
        kind: 'institution',
        country: 'DE',
      },
    })),
  };
}

describe('staffAccess', () => {
  it.each([
    ['a learner', [], [false, false, false, false]],
    ['an author', ['author'], [true, true, false, false]],
    ['a reviewer', ['reviewer'], [true, false, false, false]],
    ['an approver', ['approver'], [true, false, true, false]],
    ['a verifier', ['verifier'], [false, false, false, true]],
  ] as const)('%s', (_name, roles, [studio, author, certificates, bulk]) => {
    const access = staffAccess(member(...roles));
    expect([
      access.canUseStudio,
      access.canAuthor,
      access.canManageCertificates,
      access.canVerifyInBulk,
    ]).toEqual([studio, author, certificates, bulk]);
  });

  it('lets only administrators manage webhooks, of the organisations they administer', () => {
    const admin = staffAccess(member('admin'));
    expect([admin.canManageWebhooks, admin.administeredOrganizations]).toEqual([
      true,
      [{ slug: 'rhine-valley-tu', name: 'Rhine Valley TU' }],
    ]);
    for (const role of ['author', 'reviewer', 'approver', 'verifier'] as const) {
      const access = staffAccess(member(role));
      expect([access.canManageWebhooks, access.administeredOrganizations]).toEqual([false, []]);
    }
  });

  it('lists each institution once whatever the number of roles held there', () => {
    expect(staffAccess(member('author', 'reviewer', 'approver')).institutions).toEqual([
      { slug: 'rhine-valley-tu', name: 'Rhine Valley TU' },
    ]);
  });
});
