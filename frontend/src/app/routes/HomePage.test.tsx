/** The home page's course search opens the catalog with the query. */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, SIGNED_OUT } from '@/testing/fetch-mock';
import { COMPETENCIES, COURSE_PAGE, INSTITUTIONS } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

describe('HomePage', () => {
  it('searches the catalog from the home page', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'GET /api/v1/courses/': () => jsonResponse(COURSE_PAGE),
      'GET /api/v1/competencies/': () => jsonResponse(COMPETENCIES),
      'GET /api/v1/organizations/': () => jsonResponse(INSTITUTIONS),
    });
    const { user, router } = renderApp('/');

    await user.type(screen.getByRole('searchbox', { name: 'Search the course catalog' }), 'OPC UA');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Course catalog' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/courses');
    expect(router.state.location.search).toBe('?search=OPC+UA');
    expect(screen.getByRole('searchbox', { name: 'Search courses' })).toHaveValue('OPC UA');
    expect(await screen.findByText('2 courses')).toBeVisible();
    expect(
      network.requestsTo('GET /api/v1/courses/?lang=en&search=OPC%20UA&page_size=9'),
    ).toHaveLength(1);
  });
});
