/** Vitest setup: jest-dom matchers, a clean DOM, cookies and storage, and English before each test. */
import '@testing-library/jest-dom/vitest';

import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

import { i18n, initI18n, loadStaffTranslations } from '@/lib/i18n';

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
