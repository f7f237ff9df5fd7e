/** The app's React Query client: which failures are worth retrying, what a 401 means, and what a
 * language switch renews. */
import { MutationCache, QueryCache, QueryClient, type Query } from '@tanstack/react-query';

import { isApiError, isNotSignedIn, NETWORK_ERROR_CODE } from '@/lib/api-error';
import { isSupportedLanguage } from '@/lib/languages';
import { endSession, isSessionQuery } from '@/lib/session';

const MAX_RETRIES = 2;

/** Only failures that may pass by themselves are retried; a 4xx answer (401, 403, 404...) will not
 * change by asking again. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (!isApiError(error)) return false;
  return error.code === NETWORK_ERROR_CODE || error.status >= 500;
}

export function createQueryClient(): QueryClient {
  // One place decides what a 401 means, so that no page can loop on it: the session is over.
  const endSessionOnNotSignedIn = (error: unknown, query?: { queryKey: readonly unknown[] }) => {
    if (isNotSignedIn(error) && !(query && isSessionQuery(query))) endSession(queryClient);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: endSessionOnNotSignedIn }),
    mutationCache: new MutationCache({
      onError: (error) => {
        endSessionOnNotSignedIn(error);
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  return queryClient;
}

/** Whether a language switch leaves this query's answer as it is, or switches it by its key. */
function isUnaffectedByLanguageSwitch(query: Query): boolean {
  if (query.meta?.isLanguageIndependent === true) return true;
  return query.queryKey.some((part) => typeof part === 'string' && isSupportedLanguage(part));
}

/**
 * After a switch of UI language. Every request carries the UI language (Accept-Language), so every
 * answer may hold texts in it: a query whose answer depends on the language names it in its key and
 * so switches by itself (and back, from the cache); one whose answer cannot depend on it (who is
 * signed in) says so with `meta: { isLanguageIndependent: true }`. Any other query is asked again —
 * the rule's safety net, so that a key that forgot its language shows old texts for one round trip.
 */
export function renewAfterLanguageChange(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => !isUnaffectedByLanguageSwitch(query),
  });
}
