/** The institution page: who it is, its courses linked to their pages, paging, 404, languages. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, NOT_AUTHENTICATED } from '@/testing/fetch-mock';
import { PLC_COURSE, VISION_COURSE } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

import type { InstitutionPage } from '../types';

const RHINE: InstitutionPage = {
  slug: 'rhine-valley-tu',
  name: 'Rhine Valley Technical University',
  country: 'DE',
  website: 'https://www.rhine-tu.example/',
  logo: null,
  courses: { count: 2, next: null, previous: null, results: [VISION_COURSE, PLC_COURSE] },
};

const NOT_FOUND = () => jsonResponse({ detail: 'Not found.', code: 'not_found' }, 404);

describe('InstitutionPage', () => {
  it('shows the institution with its country, website and courses, each linked to its page', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/me': NOT_AUTHENTICATED,
      'GET /api/v1/institutions/rhine-valley-tu/': () => jsonResponse(RHINE),
    });
    renderApp('/institutions/rhine-valley-tu');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Rhine Valley Technical University' }),
    ).toBeVisible();
    expect(document.title).toBe('Rhine Valley Technical University · ICIM Academy');
    expect(screen.getByText('Germany')).toBeVisible();
    expect(screen.getByRole('link', { name: 'www.rhine-tu.example' })).toHaveAttribute(
      'href',
      'https://www.rhine-tu.example/',
    );
    const courses = screen.getByRole('region', { name: 'Published courses' });
    expect(within(courses).getByText('2 courses')).toBeVisible();
    expect(
      within(courses).getByRole('link', { name: 'PLC Programming with IEC 61131-3' }),
    ).toHaveAttribute('href', '/courses/plc-iec-61131-3');
    expect(within(courses).getByRole('link', { name: '面向质量检测的机器视觉' })).toHaveAttribute(
      'href',
      '/courses/machine-vision-quality-inspection',
    );
    expect(
      screen.getByRole('link', { name: 'Filter the catalog by this institution' }),
    ).toHaveAttribute('href', '/courses?institution=rhine-valley-tu');
    expect(
      network.requestsTo('GET /api/v1/institutions/rhine-valley-tu/?lang=en&page_size=9'),
    ).toHaveLength(1);
  });

  it('asks again in Arabic after a switch, and names the country in Arabic', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/me': NOT_AUTHENTICATED,
      'GET /api/v1/institutions/rhine-valley-tu/': () => jsonResponse(RHINE),
    });
    const { user } = renderApp('/institutions/rhine-valley-tu');
    await screen.findByRole('heading', { level: 1 });

    await user.selectOptions(screen.getByLabelText('Language'), 'ar');

    expect(await screen.findByText('ألمانيا')).toBeVisible();
    expect(screen.getByRole('heading', { level: 2, name: 'الدورات المنشورة' })).toBeVisible();
    expect(
      network.requests
        .filter((request) => request.path.startsWith('/api/v1/institutions/'))
        .map((request) => request.path),
    ).toEqual([
      '/api/v1/institutions/rhine-valley-tu/?lang=en&page_size=9',
      '/api/v1/institutions/rhine-valley-tu/?lang=ar&page_size=9',
    ]);
  });

  it('says when an institution has no course yet', async () => {
    mockFetch({
      'GET /api/v1/auth/me': NOT_AUTHENTICATED,
      'GET /api/v1/institutions/rhine-valley-tu/': () =>
        jsonResponse({
          ...RHINE,
          website: null,
          courses: { count: 0, next: null, previous: null, results: [] },
        }),
    });
    renderApp('/institutions/rhine-valley-tu');
    expect(
      await screen.findByText('This institution has not published a course yet.'),
    ).toBeVisible();
    expect(screen.queryByText('Website')).toBeNull();
  });

  it('shows a 404 page for an unknown institution', async () => {
    mockFetch({
      'GET /api/v1/auth/me': NOT_AUTHENTICATED,
      'GET /api/v1/institutions/nowhere/': NOT_FOUND,
    });
    renderApp('/institutions/nowhere');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Institution not found' }),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: 'Browse the catalog' })).toHaveAttribute(
      'href',
      '/courses',
    );
  });

  it('offers the first page when the asked page is past the last', async () => {
    mockFetch({
      'GET /api/v1/auth/me': NOT_AUTHENTICATED,
      'GET /api/v1/institutions/rhine-valley-tu/': (request) =>
        request.path.includes('page=7') ? NOT_FOUND() : jsonResponse(RHINE),
    });
    const { user } = renderApp('/institutions/rhine-valley-tu?page=7');
    expect(
      await screen.findByText('There is no page 7 of this institution’s courses.'),
    ).toBeVisible();
    await user.click(screen.getByRole('link', { name: 'Go to the first page' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Rhine Valley Technical University' }),
    ).toBeVisible();
  });
});
