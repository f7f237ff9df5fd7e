/** My learning: progress per enrollment, what is missing in words, the next lesson, certificates. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { components } from '@/api/schema';
import { jsonResponse, mockFetch, signedInAs } from '@/testing/fetch-mock';
import { ME } from '@/testing/fixtures';
import { createQueryClientWithoutRetryDelay, renderApp } from '@/testing/render';

const ACTIVE: components['schemas']['Enrollment'] = {
  id: 11,
  course: 'plc-iec-61131-3',
  title: 'PLC Programming with IEC 61131-3',
  version: 3,
  status: 'active',
  enrolled_at: '2026-03-01T10:00:00Z',
  completed_at: null,
  final_grade: null,
  waitlist_position: null,
  newer_version_available: false,
};

const COMPLETED: components['schemas']['Enrollment'] = {
  ...ACTIVE,
  id: 12,
  course: 'lean-smart-factory-operations',
  title: 'Lean Smart Factory Operations',
  status: 'completed',
  completed_at: '2026-03-20T10:00:00Z',
  final_grade: '91.25',
};

const WAITLISTED: components['schemas']['Enrollment'] = {
  ...ACTIVE,
  id: 13,
  course: 'metal-additive-manufacturing',
  title: 'Metal Additive Manufacturing',
  status: 'waitlisted',
  waitlist_position: 4,
};

function progress(
  enrollment: number,
  overrides: Partial<components['schemas']['Progress']>,
): components['schemas']['Progress'] {
  return {
    enrollment,
    status: 'active',
    completed_at: null,
    final_grade: null,
    percent: 40,
    is_complete: false,
    grade: null,
    pass_mark: 70,
    served_language: 'en',
    next_lesson: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a03',
    missing: [],
    modules: [
      {
        key: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a01',
        number: 1,
        title: 'PLC Fundamentals',
        required_lessons: 2,
        completed_lessons: 1,
        percent: 50,
        lessons: [
          {
            key: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a02',
            label: '1.1',
            title: 'Scan cycle',
            kind: 'text',
            is_required: true,
            is_done: true,
          },
          {
            key: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a03',
            label: '1.2',
            title: 'Ladder logic',
            kind: 'text',
            is_required: true,
            is_done: false,
          },
        ],
      },
    ],
    ...overrides,
  };
}

const CERTIFICATE: components['schemas']['Certificate'] = {
  id: '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b',
  state: 'issued',
  status: 'valid',
  basis: 'completion',
  course: 'lean-smart-factory-operations',
  course_title: 'Lean Smart Factory Operations',
  course_code: 'RVTU-LEAN-110',
  language: 'en',
  learner_name: 'Zhang Wei',
  learner_native_name: '张伟',
  institutions: [],
  competencies: [],
  grade: '91.25',
  show_grade: true,
  completed_at: '2026-03-20T10:00:00Z',
  issued_at: '2026-03-20T10:00:05Z',
  expires_at: null,
  is_private: false,
  revoked_at: null,
  revocation_reason: '',
  superseded_by: null,
  pdf_sha256: 'ab',
  verification_url: 'https://academy.example/verify/6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b',
  linkedin_url: 'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME',
  pdf_url: '/api/v1/certificates/6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b/pdf',
};

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

describe('MyLearningPage', () => {
  it('shows each enrollment with exact progress, what is missing, the next lesson and the certificate', async () => {
    mockFetch({
      'GET /api/v1/auth/session': signedInAs(ME),
      'GET /api/v1/enrollments/': () => jsonResponse(page([COMPLETED, WAITLISTED, ACTIVE])),
      'GET /api/v1/enrollments/11/progress/': () =>
        jsonResponse(
          progress(11, {
            grade: '55.00',
            missing: [
              {
                lesson: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a03',
                label: '1.2',
                reason: 'not_completed',
                score: null,
                needed: null,
                message: 'Lesson 1.2 “Video: a Scan Cycle in Slow Motion” not completed.',
              },
              {
                lesson: null,
                label: null,
                reason: 'grade_below_pass_mark',
                score: '55.00',
                needed: 70,
                message: 'Weighted grade 55 %, needs 70 %.',
              },
            ],
          }),
        ),
      'GET /api/v1/enrollments/12/progress/': () =>
        jsonResponse(
          progress(12, {
            status: 'completed',
            percent: 100,
            is_complete: true,
            grade: '91.25',
            final_grade: '91.25',
            next_lesson: null,
          }),
        ),
      'GET /api/v1/certificates/': () => jsonResponse(page([CERTIFICATE])),
    });
    renderApp('/learning');

    const active = await screen.findByRole('article', { name: 'PLC Programming with IEC 61131-3' });
    expect(await within(active).findByRole('progressbar', { name: 'Progress' })).toHaveAttribute(
      'aria-valuenow',
      '40',
    );
    expect(within(active).getByText('Grade so far: 55% (pass mark 70%)')).toBeVisible();
    expect(
      within(active).getByRole('link', {
        name: 'Lesson 1.2 “Video: a Scan Cycle in Slow Motion” not completed.',
      }),
    ).toHaveAttribute('href', '/learn/11/0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a03');
    expect(within(active).getByText('Weighted grade 55 %, needs 70 %.')).toBeVisible();
    expect(within(active).getByRole('link', { name: 'Continue with lesson 1.2' })).toHaveAttribute(
      'href',
      '/learn/11/0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a03',
    );

    const waitlisted = screen.getByRole('article', { name: 'Metal Additive Manufacturing' });
    expect(within(waitlisted).getByText(/you are number 4 on the waitlist/)).toBeVisible();

    const [completed] = screen.getAllByRole('article', { name: 'Lean Smart Factory Operations' });
    if (!completed) throw new Error('no completed enrollment');
    expect(await within(completed).findByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    expect(within(completed).getByText('Grade so far: 91.25% (pass mark 70%)')).toBeVisible();
    expect(await within(completed).findByRole('link', { name: 'Download PDF' })).toHaveAttribute(
      'href',
      CERTIFICATE.pdf_url,
    );
    expect(
      within(completed).getByRole('switch', { name: 'Private certificate' }),
    ).not.toBeChecked();

    // Active first, completed after.
    expect(
      screen.getAllByRole('article').map((article) => article.getAttribute('aria-labelledby')),
    ).toEqual([
      'enrollment-11-title',
      'enrollment-13-title',
      'enrollment-12-title',
      'certificate-6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b-title',
    ]);
  });

  it('shows a failed request with a retry instead of a blank page', async () => {
    let calls = 0;
    mockFetch({
      'GET /api/v1/auth/session': signedInAs(ME),
      'GET /api/v1/enrollments/': () => {
        calls += 1;
        return calls <= 3
          ? jsonResponse({ detail: 'Service unavailable.', code: 'unavailable' }, 503)
          : jsonResponse(page([]));
      },
    });
    const { user } = renderApp('/learning', { queryClient: createQueryClientWithoutRetryDelay() });
    expect(await screen.findByRole('alert')).toHaveTextContent('Service unavailable.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('You are not enrolled in any course yet.')).toBeVisible();
  });
});
