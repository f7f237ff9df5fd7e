/** The catalog: cards, filters in the URL and in the request, paging, empty and error states. */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, SIGNED_OUT, type RecordedRequest } from '@/testing/fetch-mock';
import { COMPETENCIES, COURSE_PAGE, INSTITUTIONS } from '@/testing/fixtures';
import { createQueryClientWithoutRetries, renderApp } from '@/testing/render';

type Responder = (request: RecordedRequest) => Response;

function catalogRoutes(courses: Responder = () => jsonResponse(COURSE_PAGE)) {
  return {
    'GET /api/v1/auth/session': SIGNED_OUT,
    'GET /api/v1/courses/': courses,
    'GET /api/v1/competencies/': () => jsonResponse(COMPETENCIES),
    'GET /api/v1/organizations/': () => jsonResponse(INSTITUTIONS),
    'GET /api/v1/standards/': () => jsonResponse([]),
    'GET /api/v1/practices/': () =>
      jsonResponse({ count: 0, next: null, previous: null, results: [] }),
  };
}

/** Paths (with query) of every course list request, in order. */
function courseListRequests(requests: readonly RecordedRequest[]): string[] {
  return requests
    .filter((request) => request.path.startsWith('/api/v1/courses/?'))
    .map((request) => request.path);
}

describe('CatalogPage', () => {
  it('shows each cover as a responsive picture in modern formats, and a plain band without one', async () => {
    mockFetch(catalogRoutes());
    const { container } = renderApp('/courses');

    const plc = await screen.findByRole('article', { name: 'PLC Programming with IEC 61131-3' });
    const picture = plc.querySelector('picture');
    expect(picture).not.toBeNull();
    const sources = [...(picture?.querySelectorAll('source') ?? [])];
    expect(sources.map((source) => source.getAttribute('type'))).toEqual([
      'image/avif',
      'image/webp',
    ]);
    expect(sources[1]?.getAttribute('srcset')).toBe(
      '/media/covers/1/abc/480.webp 480w, /media/covers/1/abc/960.webp 960w',
    );
    const image = picture?.querySelector('img');
    // Decorative: the title beside it names the course, so the picture is silent.
    expect(image).toHaveAttribute('alt', '');
    expect(image).toHaveAttribute('src', '/media/covers/1/abc/960.jpg');
    expect(image).toHaveAttribute('width', '960');
    expect(image).toHaveAttribute('height', '540');
    // The first row loads at once; no image is announced to screen readers.
    expect(image).toHaveAttribute('loading', 'eager');
    expect(within(plc).queryByRole('img')).toBeNull();

    const vision = screen.getByRole('article', { name: '面向质量检测的机器视觉' });
    expect(vision.querySelector('picture')).toBeNull();
    expect(vision.querySelector('.cover--none')).toHaveAttribute('aria-hidden', 'true');
    expect(container.querySelectorAll('picture')).toHaveLength(1);
  });

  it('shows the result count and a card per course with its facts and languages', async () => {
    const network = mockFetch(catalogRoutes());
    renderApp('/courses');

    expect(await screen.findByRole('heading', { level: 1, name: 'Course catalog' })).toBeVisible();
    expect(await screen.findByText('2 courses')).toHaveRole('status');
    const plc = screen.getByRole('article', { name: 'PLC Programming with IEC 61131-3' });
    expect(
      within(plc).getByRole('link', { name: 'PLC Programming with IEC 61131-3' }),
    ).toHaveAttribute('href', '/courses/plc-iec-61131-3');
    expect(within(plc).getByText('Beginner')).toBeVisible();
    expect(within(plc).getByText('12 hours')).toBeVisible();
    expect(within(plc).getByText('RVTU-PLC-101')).toBeVisible();
    expect(
      within(plc).getByText('Learn how programmable logic controllers execute their scan cycle.'),
    ).toBeVisible();
    expect(
      within(within(plc).getByRole('list', { name: 'Offered by' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Rhine Valley Technical University · Germany']);
    expect(within(plc).getByText('Available in: English, German')).toBeVisible();
    expect(within(plc).queryByText(/Not offered in English/)).toBeNull();

    const vision = screen.getByRole('article', { name: '面向质量检测的机器视觉' });
    expect(within(vision).getByRole('heading', { level: 3 })).toHaveAttribute('lang', 'zh-Hans');
    expect(within(vision).getByText('Intermediate')).toBeVisible();
    expect(within(vision).getByText('Available in: Simplified Chinese')).toBeVisible();
    expect(
      within(vision).getByText('Not offered in English: shown in Simplified Chinese.'),
    ).toBeVisible();
    // Two pages need nine courses or more: no pagination for two.
    expect(screen.queryByRole('navigation', { name: 'Pages' })).toBeNull();

    expect(courseListRequests(network.requests)).toEqual(['/api/v1/courses/?lang=en&page_size=9']);
    expect(network.requestsTo('GET /api/v1/competencies/?lang=en')).toHaveLength(1);
    expect(
      network.requestsTo('GET /api/v1/organizations/?kind=institution&page_size=100'),
    ).toHaveLength(1);
  });

  it('puts every filter in the URL and sends exactly those parameters; Back restores them', async () => {
    const network = mockFetch(catalogRoutes());
    const { user, router } = renderApp('/courses?page=2');
    await screen.findByRole('status');
    expect(
      await screen.findByRole('option', { name: 'PLC programming (IEC 61131-3)' }),
    ).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Level'), 'intermediate');
    // Other filters, other results: back to page 1.
    expect(router.state.location.search).toBe('?level=intermediate');

    await user.selectOptions(screen.getByLabelText('Competency'), 'AUT.PLC');
    await user.selectOptions(screen.getByLabelText('Institution'), 'rhine-valley-tu');
    await user.selectOptions(screen.getByLabelText('Country'), 'DE');
    await user.selectOptions(screen.getByLabelText('Course language'), 'de');
    await user.selectOptions(screen.getByLabelText('Sort by'), '-hours');
    await user.type(screen.getByRole('searchbox', { name: 'Search courses' }), 'PLC');

    await waitFor(() => {
      expect(router.state.location.search).toBe(
        '?search=PLC&language=de&level=intermediate&competency=AUT.PLC' +
          '&institution=rhine-valley-tu&country=DE&ordering=-hours',
      );
    });
    await waitFor(() => {
      expect(courseListRequests(network.requests).at(-1)).toBe(
        '/api/v1/courses/?lang=en&search=PLC&language=de&level=intermediate&competency=AUT.PLC' +
          '&institution=rhine-valley-tu&country=DE&ordering=-hours&page_size=9',
      );
    });
    expect(courseListRequests(network.requests)).toEqual([
      '/api/v1/courses/?lang=en&page=2&page_size=9',
      '/api/v1/courses/?lang=en&level=intermediate&page_size=9',
      '/api/v1/courses/?lang=en&level=intermediate&competency=AUT.PLC&page_size=9',
      '/api/v1/courses/?lang=en&level=intermediate&competency=AUT.PLC&institution=rhine-valley-tu&page_size=9',
      '/api/v1/courses/?lang=en&level=intermediate&competency=AUT.PLC&institution=rhine-valley-tu&country=DE&page_size=9',
      '/api/v1/courses/?lang=en&language=de&level=intermediate&competency=AUT.PLC&institution=rhine-valley-tu&country=DE&page_size=9',
      '/api/v1/courses/?lang=en&language=de&level=intermediate&competency=AUT.PLC&institution=rhine-valley-tu&country=DE&ordering=-hours&page_size=9',
      // The search is debounced: one request for "PLC", none for "P" or "PL".
      '/api/v1/courses/?lang=en&search=PLC&language=de&level=intermediate&competency=AUT.PLC&institution=rhine-valley-tu&country=DE&ordering=-hours&page_size=9',
    ]);

    await router.navigate(-1);
    expect(router.state.location.search).toBe(
      '?language=de&level=intermediate&competency=AUT.PLC&institution=rhine-valley-tu&country=DE&ordering=-hours',
    );
    await waitFor(() => {
      expect(screen.getByRole('searchbox', { name: 'Search courses' })).toHaveValue('');
    });
    expect(screen.getByLabelText('Sort by')).toHaveValue('-hours');
    await router.navigate(-1);
    await waitFor(() => {
      expect(screen.getByLabelText('Sort by')).toHaveValue('title');
    });
  });

  it('reads a shared link, and pages with real links', async () => {
    const network = mockFetch(
      catalogRoutes(() => jsonResponse({ ...COURSE_PAGE, count: 30, previous: 'x', next: 'y' })),
    );
    const { user, router } = renderApp('/courses?level=advanced&page=2');

    expect(await screen.findByText('30 courses')).toHaveRole('status');
    expect(screen.getByLabelText('Level')).toHaveValue('advanced');
    expect(courseListRequests(network.requests)).toEqual([
      '/api/v1/courses/?lang=en&level=advanced&page=2&page_size=9',
    ]);
    const pages = screen.getByRole('navigation', { name: 'Pages' });
    expect(within(pages).getByRole('link', { name: 'Page 2' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(pages).getByRole('link', { name: 'Page 4' })).toHaveAttribute(
      'href',
      '/courses?level=advanced&page=4',
    );
    expect(within(pages).getByRole('link', { name: 'Page 1' })).toHaveAttribute(
      'href',
      '/courses?level=advanced',
    );

    await user.click(within(pages).getByRole('link', { name: 'Next' }));

    expect(router.state.location.search).toBe('?level=advanced&page=3');
    await waitFor(() => {
      expect(courseListRequests(network.requests).at(-1)).toBe(
        '/api/v1/courses/?lang=en&level=advanced&page=3&page_size=9',
      );
    });
  });

  it('says when nothing matches and resets every filter', async () => {
    const network = mockFetch(
      catalogRoutes(({ path }) =>
        jsonResponse(
          path.includes('search=') ? { ...COURSE_PAGE, count: 0, results: [] } : COURSE_PAGE,
        ),
      ),
    );
    const { user, router } = renderApp('/courses?search=quantum&level=advanced');

    const emptyTitle = await screen.findByRole('heading', {
      level: 3,
      name: 'No course matches your search and filters.',
    });
    expect(screen.getByRole('status')).toHaveTextContent('0 courses');
    expect(screen.getByRole('searchbox', { name: 'Search courses' })).toHaveValue('quantum');
    const emptyState = emptyTitle.parentElement as HTMLElement;
    await user.click(within(emptyState).getByRole('button', { name: 'Reset filters' }));

    expect(router.state.location.search).toBe('');
    expect(await screen.findByText('2 courses')).toHaveRole('status');
    expect(screen.getByRole('searchbox', { name: 'Search courses' })).toHaveValue('');
    expect(screen.getByLabelText('Level')).toHaveValue('');
    expect(courseListRequests(network.requests)).toEqual([
      '/api/v1/courses/?lang=en&search=quantum&level=advanced&page_size=9',
      '/api/v1/courses/?lang=en&page_size=9',
    ]);
  });

  it('shows a failed request with a retry that loads the courses', async () => {
    let calls = 0;
    const network = mockFetch(
      catalogRoutes(() => {
        calls += 1;
        return calls === 1
          ? jsonResponse({ detail: 'Service unavailable.', code: 'unavailable' }, 503)
          : jsonResponse(COURSE_PAGE);
      }),
    );
    const { user } = renderApp('/courses', { queryClient: createQueryClientWithoutRetries() });

    expect(await screen.findByRole('alert')).toHaveTextContent('Service unavailable.');
    expect(screen.queryByRole('article')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(
      await screen.findByRole('article', { name: 'PLC Programming with IEC 61131-3' }),
    ).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(courseListRequests(network.requests)).toEqual([
      '/api/v1/courses/?lang=en&page_size=9',
      '/api/v1/courses/?lang=en&page_size=9',
    ]);
  });

  it('shows the backend’s message for a filter value from an outdated link', async () => {
    mockFetch(
      catalogRoutes(() =>
        jsonResponse(
          {
            detail: 'Invalid input.',
            code: 'invalid_choice',
            fields: {
              competency: [
                'Select a valid choice. That choice is not one of the available choices.',
              ],
            },
          },
          400,
        ),
      ),
    );
    const { user, router } = renderApp('/courses?competency=RETIRED.CODE');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid input.');
    expect(alert).toHaveTextContent(
      'Select a valid choice. That choice is not one of the available choices.',
    );
    // The unknown code stays visible in its select, so the reader sees what the link asked for.
    expect(screen.getByLabelText('Competency')).toHaveValue('RETIRED.CODE');

    await user.click(screen.getAllByRole('button', { name: 'Reset filters' })[0] as HTMLElement);
    expect(router.state.location.search).toBe('');
  });
});
