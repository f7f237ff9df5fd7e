/** The library: cards in the reader's language, filters sent to the API, and the case-study page. */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { components } from '@/api/schema';
import { jsonResponse, mockFetch, SIGNED_OUT } from '@/testing/fetch-mock';
import { COMPETENCIES } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

const CASE_STUDY: components['schemas']['CaseStudyListItem'] = {
  slug: 'twin-line',
  title: 'A digital twin for a bottling line',
  summary: 'Commissioning in simulation first.',
  served_language: 'en',
  primary_language: 'en',
  languages: ['en', 'zh-hans'],
  organization: { slug: 'rhine', name: 'Rhine TU', kind: 'institution', country: 'DE' },
  sector: 'food',
  country: 'DE',
  standards: ['ISO 23247'],
  competencies: ['TWN.VCM'],
  published_at: '2026-12-01T10:00:00Z',
};

const STANDARDS = [
  {
    code: 'ISO 23247',
    title: 'Digital twin framework for manufacturing',
    issuing_body: 'ISO',
    url: 'https://www.iso.org/standard/75066.html',
  },
];

function routes() {
  return {
    'GET /api/v1/auth/session': SIGNED_OUT,
    'GET /api/v1/practices/': () =>
      jsonResponse({ count: 1, next: null, previous: null, results: [CASE_STUDY] }),
    'GET /api/v1/standards/': () => jsonResponse(STANDARDS),
    'GET /api/v1/competencies/': () => jsonResponse(COMPETENCIES),
  };
}

describe('LibraryPage', () => {
  it('lists case studies with their sector, publisher and standards', async () => {
    mockFetch(routes());
    renderApp('/practices');

    const card = await screen.findByRole('article', { name: 'A digital twin for a bottling line' });
    expect(card).toHaveTextContent('Food and beverage');
    expect(card).toHaveTextContent('Rhine TU');
    expect(card).toHaveTextContent('ISO 23247');
    expect(screen.getByRole('status')).toHaveTextContent('1 case study');
  });

  it('sends the standard chosen to the API and keeps it in the URL', async () => {
    const network = mockFetch(routes());
    const { user } = renderApp('/practices');

    await screen.findByRole('option', { name: /ISO 23247/ });
    await user.selectOptions(screen.getByLabelText('Standard'), 'ISO 23247');

    await waitFor(() => {
      expect(
        network.requests
          .map((request) => request.path)
          .filter((path) => path.includes('standard=')),
      ).toEqual(['/api/v1/practices/?lang=en&page_size=12&standard=ISO%2023247']);
    });
  });
});

describe('CaseStudyPage', () => {
  it('shows an archived linked course as unavailable instead of a link', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'GET /api/v1/practices/twin-line/': () =>
        jsonResponse({
          ...CASE_STUDY,
          problem_html: '<p>Six weeks.</p>',
          solution_html: '<p>A twin.</p>',
          results_html: '<p>Two weeks.</p>',
          linked_courses: [{ slug: 'plc-basics', title: 'PLC Basics', is_available: false }],
          attachments: [],
        }),
    });
    renderApp('/practices/twin-line');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'A digital twin for a bottling line' }),
    ).toBeVisible();
    expect(screen.getByText('PLC Basics')).toBeVisible();
    expect(screen.queryByRole('link', { name: 'PLC Basics' })).toBeNull();
    expect(screen.getByText('(no longer available)')).toBeVisible();
  });
});
