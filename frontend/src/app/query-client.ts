/** The app's React Query client: which failures are worth retrying. */
import { QueryClient } from '@tanstack/react-query';

import { isApiError, NETWORK_ERROR_CODE } from '@/lib/api-error';

const MAX_RETRIES = 2;

/** Only failures that may pass by themselves are retried; a 4xx answer will not change. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (!isApiError(error)) return false;
  return error.code === NETWORK_ERROR_CODE || error.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
