/** Vitest setup: jest-dom matchers, a clean DOM, cookies and storage, and English before each test. */
import '@testing-library/jest-dom/vitest';

import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

import { i18n, initI18n } from '@/lib/i18n';
import arStaff from '@/locales/ar/staff.json';
import ar from '@/locales/ar/translation.json';
import deStaff from '@/locales/de/staff.json';
import de from '@/locales/de/translation.json';
import enStaff from '@/locales/en/staff.json';
import en from '@/locales/en/translation.json';
import zhHansStaff from '@/locales/zh-Hans/staff.json';
import zhHans from '@/locales/zh-Hans/translation.json';

// Tests wait for a state (findBy, waitFor), never for a clock: the limit is only how long to wait
// before calling a state that never comes a failure, and a busy machine (lazy routes compiled on
// first visit, a loaded CI runner) must not reach it. Vitest's testTimeout is longer still.
configure({ asyncUtilTimeout: 20_000 });

// Every language's texts at once, staff texts included: a test switches language without waiting
// for a chunk (the loading on demand has its own test, src/lib/i18n.test.ts).
await initI18n('en', {
  resources: {
    en: { translation: { ...en, ...enStaff } },
    'zh-Hans': { translation: { ...zhHans, ...zhHansStaff } },
    de: { translation: { ...de, ...deStaff } },
    ar: { translation: { ...ar, ...arStaff } },
  },
});

beforeEach(async () => {
  window.localStorage.clear();
  document.cookie = 'csrftoken=test-csrf-token; path=/';
  await i18n.changeLanguage('en');
});

afterEach(() => {
  cleanup();
});
