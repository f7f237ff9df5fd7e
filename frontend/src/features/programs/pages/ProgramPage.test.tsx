/** The program page: a learner's progress with the next course, a retired course that blocks an
 * ordered program, and the credential's links once earned. */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderRoute } from '@/testing/render';

import type { ProgramCourse, ProgramDetail } from '../types';
import { ProgramPage } from './ProgramPage';

function course(slug: string, title: string, status: ProgramCourse['status'], position: number) {
  return {
    slug,
    title,
    language: 'en',
    position,
    institutions: ['Rhine TU'],
    is_available: true,
    status,
  } satisfies ProgramCourse;
}

function detail(overrides: Partial<ProgramDetail>): ProgramDetail {
  return {
    program: {
      slug: 'smart-factory',
      title: 'Smart Factory Engineer',
      summary: 'From PLC to digital twins.',
      description: '',
      language: 'en',
      kind: 'ordered',
      required_count: 3,
      course_count: 3,
      state: 'published',
      institutions: [{ slug: 'rhine', name: 'Rhine TU' }],
    },
    courses: [
      course('plc', 'PLC basics', 'done', 0),
      course('opc-ua', 'OPC UA', 'done', 1),
      course('twins', 'Digital twins', 'in_progress', 2),
    ],
    progress: {
      done_count: 2,
      required_count: 3,
      is_complete: false,
      is_completable: true,
      next_course: 'twins',
      retired_missing: [],
    },
    credential: null,
    can_edit: false,
    ...overrides,
  };
}

describe('ProgramPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says how far I am and links the next course', async () => {
    mockFetch({ 'GET /api/v1/programs/smart-factory': () => jsonResponse(detail({})) });
    renderRoute('/programs/:slug', '/programs/smart-factory', <ProgramPage isSignedIn />);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Smart Factory Engineer' }),
    ).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('2 of 3 done; next: Digital twins');
    expect(
      within(screen.getByRole('status')).getByRole('link', { name: 'Digital twins' }),
    ).toHaveAttribute('href', '/courses/twins');
    expect(screen.getAllByText('Done')).toHaveLength(2);
    expect(screen.queryByRole('link', { name: 'Download the PDF' })).toBeNull();
  });

  it('says when a retired course blocks the program', async () => {
    const retired = { ...course('twins', 'Digital twins', 'not_started', 2), is_available: false };
    mockFetch({
      'GET /api/v1/programs/smart-factory': () =>
        jsonResponse(
          detail({
            courses: [
              course('plc', 'PLC basics', 'done', 0),
              course('opc-ua', 'OPC UA', 'done', 1),
              retired,
            ],
            progress: {
              done_count: 2,
              required_count: 3,
              is_complete: false,
              is_completable: false,
              next_course: null,
              retired_missing: ['twins'],
            },
          }),
        ),
    });
    renderRoute('/programs/:slug', '/programs/smart-factory', <ProgramPage isSignedIn />);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This program can no longer be completed: Digital twins was retired before you finished it.',
    );
    expect(screen.getByText('Rhine TU · Retired')).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Digital twins' })).toBeNull();
  });

  it('offers the certificate once earned', async () => {
    mockFetch({
      'GET /api/v1/programs/smart-factory': () =>
        jsonResponse(
          detail({
            progress: {
              done_count: 3,
              required_count: 3,
              is_complete: true,
              is_completable: true,
              next_course: null,
              retired_missing: [],
            },
            credential: {
              id: '8eaab485-1095-4792-a8d9-fe44fe82d5cb',
              verification_url: 'https://academy.example/verify/8eaab485',
              pdf_url: '/api/v1/programs/credentials/8eaab485-1095-4792-a8d9-fe44fe82d5cb/pdf',
            },
          }),
        ),
    });
    renderRoute('/programs/:slug', '/programs/smart-factory', <ProgramPage isSignedIn />);

    expect(await screen.findByRole('link', { name: 'Download the PDF' })).toHaveAttribute(
      'href',
      '/api/v1/programs/credentials/8eaab485-1095-4792-a8d9-fe44fe82d5cb/pdf',
    );
    expect(screen.getByRole('link', { name: 'Verification page' })).toHaveAttribute(
      'href',
      '/verify/8eaab485-1095-4792-a8d9-fe44fe82d5cb',
    );
    expect(screen.getByRole('status')).toHaveTextContent('3 of 3 done');
  });
});
