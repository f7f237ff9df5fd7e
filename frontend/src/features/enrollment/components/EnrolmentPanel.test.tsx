/** The enrolment box before the click: open with places left, full with a waitlist, prerequisites
 * missing, not open yet, closed, enrolled; loading, error and retry; the API's refusal on click. */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import type { Enrollment, EnrollmentState } from '../types';
import { EnrolmentPanel } from './EnrolmentPanel';

const SLUG = 'plc-iec-61131-3';
const STATE_ROUTE = `GET /api/v1/courses/${SLUG}/enrollment`;

const OPEN: EnrollmentState = {
  course: SLUG,
  enrollment_opens_at: '2026-03-01T12:00:00Z',
  enrollment_closes_at: '2099-03-31T12:00:00Z',
  is_open: true,
  capacity: 30,
  places_left: 12,
  my_enrollment: null,
  missing_prerequisites: [],
};

const WAITLISTED: Enrollment = {
  id: 21,
  course: SLUG,
  title: 'PLC Programming with IEC 61131-3',
  version: 3,
  status: 'waitlisted',
  enrolled_at: '2026-03-05T10:00:00Z',
  completed_at: null,
  final_grade: null,
  waitlist_position: 3,
  newer_version_available: false,
};

const EMPTY_PAGE = { count: 0, next: null, previous: null, results: [] };

function panel() {
  return screen.getByRole('region', { name: 'Enrolment' });
}

describe('EnrolmentPanel', () => {
  it('shows an open course with its closing date and places left, and enrols', async () => {
    const network = mockFetch({
      [STATE_ROUTE]: () => jsonResponse(OPEN),
      'GET /api/v1/enrollments/': () => jsonResponse(EMPTY_PAGE),
      'POST /api/v1/enrollments/': () =>
        jsonResponse({ ...WAITLISTED, status: 'active', waitlist_position: null }, 201),
    });
    const { user } = renderComponent(<EnrolmentPanel courseSlug={SLUG} isSignedIn />);

    expect(screen.getByText('Loading…')).toBeVisible();
    const button = await screen.findByRole('button', { name: 'Enrol in this course' });
    expect(within(panel()).getByText('Enrolment is open until March 31, 2099.')).toBeVisible();
    expect(within(panel()).getByText('12 places left')).toBeVisible();
    expect(within(panel()).queryByRole('link')).toBeNull();

    await user.click(button);
    expect(network.requestsTo('POST /api/v1/enrollments/')).toHaveLength(1);
    expect(network.requestsTo('POST /api/v1/enrollments/')[0]?.body).toEqual({ course: SLUG });
  });

  it('offers the waitlist when the course is full, then shows my place on it', async () => {
    let isWaitlisted = false;
    const network = mockFetch({
      [STATE_ROUTE]: () =>
        jsonResponse(
          isWaitlisted
            ? {
                ...OPEN,
                places_left: 0,
                my_enrollment: { id: 21, status: 'waitlisted', waitlist_position: 3 },
              }
            : { ...OPEN, enrollment_closes_at: null, places_left: 0 },
        ),
      'GET /api/v1/enrollments/': () =>
        jsonResponse(
          isWaitlisted ? { ...EMPTY_PAGE, count: 1, results: [WAITLISTED] } : EMPTY_PAGE,
        ),
      'POST /api/v1/enrollments/': () => {
        isWaitlisted = true;
        return jsonResponse(WAITLISTED, 201);
      },
    });
    const { user } = renderComponent(<EnrolmentPanel courseSlug={SLUG} isSignedIn />);

    const button = await screen.findByRole('button', { name: 'Join the waitlist' });
    expect(
      screen.getByText(
        'The course is full. Join the waitlist and you will be enrolled as soon as a place becomes free.',
      ),
    ).toBeVisible();
    expect(screen.queryByText(/places left/)).toBeNull();

    await user.click(button);

    // Enrolling refreshes the state: the learner now sees their place instead of the button.
    expect(await screen.findByRole('status')).toHaveTextContent(
      'The course is full: you are number 3 on the waitlist. You will be enrolled as soon as a place becomes free.',
    );
    expect(screen.queryByRole('button', { name: 'Join the waitlist' })).toBeNull();
    expect(network.requestsTo(STATE_ROUTE)).toHaveLength(2);
  });

  it("shows a completed course's certificate where the app layer renders it", async () => {
    mockFetch({
      [STATE_ROUTE]: () =>
        jsonResponse({ ...OPEN, my_enrollment: { id: 21, status: 'completed' } }),
      'GET /api/v1/enrollments/': () =>
        jsonResponse({
          ...EMPTY_PAGE,
          count: 1,
          results: [
            {
              ...WAITLISTED,
              status: 'completed',
              waitlist_position: null,
              completed_at: '2026-03-20T10:00:00Z',
            },
          ],
        }),
    });
    renderComponent(
      <EnrolmentPanel
        courseSlug={SLUG}
        isSignedIn
        renderCertificate={(enrollmentId) => <p>Certificate of enrollment {enrollmentId}</p>}
      />,
    );

    expect(await within(panel()).findByText('Certificate of enrollment 21')).toBeVisible();
  });

  it('lists the missing prerequisites as links and offers no enrolment', async () => {
    mockFetch({
      [STATE_ROUTE]: () =>
        jsonResponse({
          ...OPEN,
          capacity: null,
          places_left: null,
          enrollment_closes_at: null,
          missing_prerequisites: [
            { slug: 'industrial-data-ai-foundations', title: 'Industrial Data and AI Foundations' },
            { slug: 'lean-smart-factory-operations', title: 'Lean Smart Factory Operations' },
          ],
        }),
      'GET /api/v1/enrollments/': () => jsonResponse(EMPTY_PAGE),
    });
    renderComponent(<EnrolmentPanel courseSlug={SLUG} isSignedIn />);

    expect(await screen.findByText('Complete these courses first to enrol:')).toBeVisible();
    expect(
      within(panel())
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['Industrial Data and AI Foundations', '/courses/industrial-data-ai-foundations'],
      ['Lean Smart Factory Operations', '/courses/lean-smart-factory-operations'],
    ]);
    expect(within(panel()).queryByRole('button')).toBeNull();
    expect(screen.queryByText(/places left/)).toBeNull();
  });

  it('says when enrolment closed, with the date, and offers no enrolment', async () => {
    mockFetch({
      [STATE_ROUTE]: () =>
        jsonResponse({ ...OPEN, enrollment_closes_at: '2026-02-28T12:00:00Z', is_open: false }),
      'GET /api/v1/enrollments/': () => jsonResponse(EMPTY_PAGE),
    });
    renderComponent(<EnrolmentPanel courseSlug={SLUG} isSignedIn />);

    expect(await screen.findByText('Enrolment closed on February 28, 2026.')).toBeVisible();
    expect(within(panel()).queryByRole('button')).toBeNull();
    // Places left no longer matter once enrolment has closed.
    expect(screen.queryByText(/places left/)).toBeNull();
  });

  it('says when enrolment opens, in the UI language', async () => {
    mockFetch({
      [STATE_ROUTE]: () =>
        jsonResponse({
          ...OPEN,
          enrollment_opens_at: '2099-09-01T12:00:00Z',
          enrollment_closes_at: null,
          is_open: false,
          places_left: 1,
        }),
      'GET /api/v1/enrollments/': () => jsonResponse(EMPTY_PAGE),
    });
    renderComponent(<EnrolmentPanel courseSlug={SLUG} isSignedIn />);

    expect(await screen.findByText('Enrolment opens on September 1, 2099.')).toBeVisible();
    expect(screen.getByText('1 place left')).toBeVisible();
    expect(within(panel()).queryByRole('button')).toBeNull();

    await act(() => i18n.changeLanguage('de'));
    expect(
      await screen.findByText('Die Einschreibung beginnt am 1. September 2099.'),
    ).toBeVisible();
    expect(screen.getByText('Noch 1 Platz frei')).toBeVisible();
  });

  it('shows the API refusal when the state changed since it loaded', async () => {
    mockFetch({
      [STATE_ROUTE]: () => jsonResponse(OPEN),
      'GET /api/v1/enrollments/': () => jsonResponse(EMPTY_PAGE),
      'POST /api/v1/enrollments/': () =>
        jsonResponse({ detail: 'Enrolment in this course has closed.', code: 'closed' }, 400),
    });
    const { user } = renderComponent(<EnrolmentPanel courseSlug={SLUG} isSignedIn />);

    await user.click(await screen.findByRole('button', { name: 'Enrol in this course' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Enrolment in this course has closed.',
    );
  });

  it('shows a signed-out visitor the window and places, and asks them to log in', async () => {
    mockFetch({
      [STATE_ROUTE]: () => jsonResponse({ ...OPEN, missing_prerequisites: null }),
    });
    renderComponent(<EnrolmentPanel courseSlug={SLUG} isSignedIn={false} />);

    expect(await screen.findByRole('link', { name: 'Log in to enrol' })).toHaveAttribute(
      'href',
      '/login?next=%2F',
    );
    // Registering from here also comes back here; no list of enrolments is asked for (a 401).
    expect(screen.getByRole('link', { name: 'Register' })).toHaveAttribute(
      'href',
      '/register?next=%2F',
    );
    expect(screen.getByText('12 places left')).toBeVisible();
    expect(screen.getByText('Enrolment is open until March 31, 2099.')).toBeVisible();
  });

  it('shows an error with a retry that loads the state again', async () => {
    let attempts = 0;
    mockFetch({
      [STATE_ROUTE]: () => {
        attempts += 1;
        return attempts === 1
          ? jsonResponse({ detail: 'Not found.', code: 'not_found' }, 404)
          : jsonResponse(OPEN);
      },
      'GET /api/v1/enrollments/': () => jsonResponse(EMPTY_PAGE),
    });
    const { user } = renderComponent(<EnrolmentPanel courseSlug={SLUG} isSignedIn />);

    expect(await screen.findByRole('alert')).toHaveTextContent('Not found.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('button', { name: 'Enrol in this course' })).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
