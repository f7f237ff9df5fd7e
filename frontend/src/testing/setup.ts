/** Vitest setup: jest-dom matchers, a clean DOM, cookies and storage, and English before each test. */
import '@testing-library/jest-dom/vitest';

import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

import { i18n, initI18n, loadStaffTranslations } from '@/lib/i18n';

// Tests wait for a state (findBy, waitFor), never for a clock: the limit is only how long to wait
// before calling a state that never comes a failure, and a busy machine (lazy routes compiled on
// first visit, a loaded CI runner) must not reach it. Vitest's testTimeout is longer still.
configure({ asyncUtilTimeout: 20_000 });

initI18n('en');
await loadStaffTranslations();

beforeEach(async () => {
  window.localStorage.clear();
  document.cookie = 'csrftoken=test-csrf-token; path=/';
  await i18n.changeLanguage('en');
});

afterEach(() => {
  cleanup();
});
