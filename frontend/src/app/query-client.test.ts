/** A language switch renews the cached answers whose key does not name the language. */
import { describe, expect, it } from 'vitest';

import { meQueryOptions } from '@/features/accounts';

import { createQueryClient, renewAfterLanguageChange } from './query-client';

describe('renewAfterLanguageChange', () => {
  it('invalidates queries without a language in their key and keeps those keyed by language', async () => {
    const queryClient = createQueryClient();
    queryClient.setQueryData(['certificates', 'list'], []);
    // Who is signed in: no language in the key, and none in the answer (its options say so).
    await queryClient.query({ ...meQueryOptions(), queryFn: () => null });
    queryClient.setQueryData(['courses', 'detail', 'lean-110', 'de'], { title: 'Lean' });
    queryClient.setQueryData(['courses', 'detail', 'lean-110', 'zh-Hans'], { title: '精益' });

    await renewAfterLanguageChange(queryClient);

    const isInvalidated = (key: readonly unknown[]) =>
      queryClient.getQueryState(key)?.isInvalidated;
    expect(isInvalidated(['certificates', 'list'])).toBe(true);
    expect(isInvalidated(meQueryOptions().queryKey)).toBe(false);
    expect(isInvalidated(['courses', 'detail', 'lean-110', 'de'])).toBe(false);
    expect(isInvalidated(['courses', 'detail', 'lean-110', 'zh-Hans'])).toBe(false);
  });
});
