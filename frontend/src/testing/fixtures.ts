/** Example API payloads shaped by the generated schema types. */
import type { components } from '@/api/schema';

export const ME: components['schemas']['Profile'] = {
  id: 7,
  email: 'wei.zhang@example.org',
  full_name: 'Zhang Wei',
  native_name: '张伟',
  preferred_language: 'en',
  country: 'CN',
  date_joined: '2026-03-14T09:30:00Z',
  memberships: [
    {
      organization: {
        slug: 'rhine-institute',
        name: 'Rhine Institute of Production Technology',
        kind: 'institution',
        country: 'DE',
      },
      role: 'author',
    },
  ],
};
