/** Entry point: set up the language, ask Django for a CSRF cookie, render the app. */
// The global styles first, so that the feature styles the components import come after them.
import './styles/index.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';

import { AppProvider } from '@/app/provider';
import { createAppRouter } from '@/app/router';
import { ensureCsrfCookie } from '@/lib/csrf';
import { initI18n } from '@/lib/i18n';

initI18n();
// Failure here is not fatal: the first unsafe request asks again.
ensureCsrfCookie({ force: true }).catch(() => undefined);

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

createRoot(rootElement).render(
  <StrictMode>
    <AppProvider>
      <RouterProvider router={createAppRouter()} />
    </AppProvider>
  </StrictMode>,
);
