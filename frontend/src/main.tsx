/** Entry point: ask Django for a CSRF cookie, load the language's texts, render the app. */
// The global styles first, so that the feature styles the components import come after them.
import './styles/index.css';

import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';

import { AppProvider } from '@/app/provider';
import { createAppRouter } from '@/app/router';
import { ensureCsrfCookie } from '@/lib/csrf';
import { initI18n } from '@/lib/i18n';

// Failure here is not fatal: the first unsafe request asks again.
ensureCsrfCookie({ force: true }).catch(() => undefined);

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

// The first render waits for the active language's texts (one small chunk), so no key shows.
// It is a transition: React renders the tree in slices of a few milliseconds and lets the
// browser handle input in between, instead of one long task that a phone's reader would feel.
void initI18n().then(() => {
  const root = createRoot(rootElement);
  startTransition(() => {
    root.render(
      <StrictMode>
        <AppProvider>
          <RouterProvider router={createAppRouter()} />
        </AppProvider>
      </StrictMode>,
    );
  });
});
