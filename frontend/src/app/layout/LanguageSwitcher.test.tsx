/** The language switcher: translation, direction, persistence, Accept-Language, profile sync. */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, SIGNED_OUT, signedInAs } from '@/testing/fetch-mock';
import { ME } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

describe('LanguageSwitcher', () => {
  it('switches to Arabic: translated heading, right-to-left page, remembered choice', async () => {
    const network = mockFetch({ 'GET /api/v1/auth/session': SIGNED_OUT });
    const { user } = renderApp('/');
    expect(
      screen.getByRole('heading', {
        level: 1,
        name: 'Training for intelligent manufacturing, recognised across borders',
      }),
    ).toBeVisible();
    expect(document.documentElement).toHaveAttribute('dir', 'ltr');

    await user.selectOptions(screen.getByLabelText('Language'), 'ar');

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'تدريب في التصنيع الذكي، معترف به عبر الحدود',
      }),
    ).toBeVisible();
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
    expect(document.documentElement).toHaveAttribute('lang', 'ar');
    expect(screen.getByLabelText('اللغة')).toHaveValue('ar');
    expect(window.localStorage.getItem('icim.language')).toBe('ar');
    // An anonymous visitor has no profile to update.
    expect(network.requestsTo('PATCH /api/v1/auth/me')).toHaveLength(0);
  });

  it('sends the chosen language to the backend and saves it on a signed-in user’s profile', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': signedInAs(ME),
      'PATCH /api/v1/auth/me': () => jsonResponse({ ...ME, preferred_language: 'zh-hans' }),
    });
    const { user } = renderApp('/');
    expect(await screen.findByRole('button', { name: 'Log out' })).toBeVisible();

    await user.selectOptions(screen.getByLabelText('Language'), 'zh-Hans');

    expect(await screen.findByRole('button', { name: '退出登录' })).toBeVisible();
    expect(document.documentElement).toHaveAttribute('lang', 'zh-Hans');
    expect(document.documentElement).toHaveAttribute('dir', 'ltr');
    const patches = network.requestsTo('PATCH /api/v1/auth/me');
    expect(patches).toHaveLength(1);
    expect(patches[0]?.body).toEqual({ preferred_language: 'zh-hans' });
    expect(patches[0]?.headers.get('Accept-Language')).toBe('zh-hans');
  });
});
