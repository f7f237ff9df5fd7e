/** Translations loaded on demand: only the active language's file, the other one on a switch. */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';

import { loadStaffTranslations, localeBackend } from './i18n';

/** An i18next instance as the app sets it up, without the test setup's bundled resources. */
async function loadingInstance(language: string) {
  const instance = i18next.createInstance();
  await instance
    .use(localeBackend)
    .init({ lng: language, fallbackLng: false, load: 'currentOnly', initAsync: true });
  return instance;
}

describe('localeBackend', () => {
  it('loads the active language only, ready when init resolves', async () => {
    const instance = await loadingInstance('de');

    expect(instance.t('nav.login')).toBe('Anmelden');
    expect(instance.hasResourceBundle('de', 'translation')).toBe(true);
    expect(instance.hasResourceBundle('en', 'translation')).toBe(false);
    expect(instance.hasResourceBundle('ar', 'translation')).toBe(false);
  });

  it('loads the other language before switching to it', async () => {
    const instance = await loadingInstance('en');
    const seen: string[] = [];
    instance.on('languageChanged', (language) => {
      seen.push(`${language}: ${instance.t('nav.login')}`);
    });

    await instance.changeLanguage('ar');

    expect(seen).toEqual(['ar: تسجيل الدخول']);
    expect(instance.hasResourceBundle('ar', 'translation')).toBe(true);
  });

  it('brings the staff texts with a language loaded after a staff page asked for them', async () => {
    await loadStaffTranslations();
    const instance = await loadingInstance('zh-Hans');

    expect(instance.t('nav.login')).toBe('登录');
    expect(instance.t('analytics.title')).toBe('数据分析');
  });
});
