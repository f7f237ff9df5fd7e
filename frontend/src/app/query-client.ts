/** The app's React Query client: which failures are worth retrying, and what a 401 means. */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';

import { isApiError, isNotSignedIn, NETWORK_ERROR_CODE } from '@/lib/api-error';
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
