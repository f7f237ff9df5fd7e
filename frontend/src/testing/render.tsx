/** Render the real app (routes, layout, providers) at a given URL, as a user would see it. The router
 * can flush a navigation synchronously, as `RouterProvider` of `react-router/dom` does in the app. */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { flushSync as reactFlushSync } from 'react-dom';
import { createMemoryRouter, RouterProvider } from 'react-router';

import { AppProvider } from '@/app/provider';
import { createQueryClient } from '@/app/query-client';
import { routes } from '@/app/router';

/** What `RouterProvider` of `react-router/dom` passes (its type wants a callback returning nothing). */
function flushSync(callback: () => unknown): undefined {
  reactFlushSync(callback);
  return undefined;
}

export function renderApp(
  path = '/',
  { queryClient = createQueryClient() }: { queryClient?: QueryClient } = {},
) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const utils = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} flushSync={flushSync} />
    </AppProvider>,
  );
  return { ...utils, user, router };
}

/** The app's query client without its retry delays, for tests of what a failure looks like. */
export function createQueryClientWithoutRetries(): QueryClient {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    ...queryClient.getDefaultOptions(),
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
  });
  return queryClient;
}

/** Render one component with the app's providers and a router around it (for component tests). */
export function renderComponent(element: ReactElement) {
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: ['/'] });
  const user = userEvent.setup();
  const utils = render(
    <AppProvider>
      <RouterProvider router={router} flushSync={flushSync} />
    </AppProvider>,
  );
  return { ...utils, user };
}

/** The app's query client, retries included, without the delay between them (no test waits on a
 * clock). */
export function createQueryClientWithoutRetryDelay(): QueryClient {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    ...queryClient.getDefaultOptions(),
    queries: { ...queryClient.getDefaultOptions().queries, retryDelay: 0 },
  });
  return queryClient;
}

/** Render one page at `path` under its route `pattern`, so it reads its URL parameters (for page
 * tests that need `:slug` without the whole app). */
export function renderRoute(pattern: string, path: string, element: ReactElement) {
  const router = createMemoryRouter([{ path: pattern, element }], { initialEntries: [path] });
  const user = userEvent.setup();
  const utils = render(
    <AppProvider>
      <RouterProvider router={router} flushSync={flushSync} />
    </AppProvider>,
  );
  return { ...utils, user, router };
}
