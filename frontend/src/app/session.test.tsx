/** Who is signed in, across pages: logging in from a course page, registering from it (and opening the e-mailed link), "My
 * learning" without a loop, a session cut in the middle of a lesson, and where `?next=` may lead. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { components } from '@/api/schema';
import { safeNextPath } from '@/lib/session';
import { jsonResponse, mockFetch, type RecordedRequest } from '@/testing/fetch-mock';
import { ME, PLC_COURSE_DETAIL } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

const SLUG = 'plc-iec-61131-3';
const FIRST_LESSON = '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a02';
const SECOND_LESSON = '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a03';

const ENROLLMENT: components['schemas']['Enrollment'] = {
  id: 11,
  course: SLUG,
  title: 'PLC Programming with IEC 61131-3',
  version: 3,
  status: 'active',
  enrolled_at: '2026-03-01T10:00:00Z',
  completed_at: null,
  final_grade: null,
  waitlist_position: null,
  newer_version_available: false,
};

const PROGRESS: components['schemas']['Progress'] = {
  enrollment: 11,
  status: 'active',
  completed_at: null,
  final_grade: null,
  percent: 0,
  is_complete: false,
  grade: null,
  pass_mark: 70,
  served_language: 'en',
  next_lesson: SECOND_LESSON,
  missing: [],
  modules: [
    {
      key: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a01',
      number: 1,
      title: 'PLC Fundamentals',
      required_lessons: 2,
      completed_lessons: 0,
      percent: 0,
      lessons: [FIRST_LESSON, SECOND_LESSON].map((key, index) => ({
        key,
        label: `1.${String(index + 1)}`,
        title: index === 0 ? 'Scan cycle' : 'Ladder logic',
        kind: 'text',
        is_required: true,
        is_done: false,
      })),
    },
  ],
};

function lesson(key: string, title: string): components['schemas']['LessonContent'] {
  return {
    key,
    label: key === FIRST_LESSON ? '1.1' : '1.2',
    kind: 'text',
    title,
    is_required: true,
    is_preview: false,
    duration_minutes: 10,
    video_completion: null,
    video_watched_percent: null,
    served_language: 'en',
    body_html: `<p>All about ${title}.</p>`,
    video_url: null,
    video_hls_url: null,
    video_poster_url: null,
    transcript: null,
    captions: [],
    resource: null,
    quiz: null,
    state: {
      opened_at: null,
      completed_at: null,
      is_done: false,
      attempts_used: null,
      attempts_allowed: null,
      attempts_left: null,
      best_score: null,
      last_score: null,
      counted_score: null,
      time_limit_ends_at: null,
      watched_segments: null,
    } as components['schemas']['LessonState'],
    package: null,
    package_attempt: null,
  };
}

const NOT_SIGNED_IN_BODY = {
  detail: 'Authentication credentials were not provided.',
  code: 'not_authenticated',
};

/**
 * A backend that remembers whether the browser is signed in: log in and the e-mailed confirmation
 * link start a session,
 * `signOutOnServer` ends it behind the app's back (an expired or cut session).
 */
function fakeBackend({ isSignedIn = false }: { isSignedIn?: boolean } = {}) {
  let signedIn = isSignedIn;
  let enrollments: components['schemas']['Enrollment'][] = [];
  const refused: string[] = [];
  const asSomeone =
    (answer: () => Response) =>
    ({ method, path }: RecordedRequest) => {
      if (signedIn) return answer();
      refused.push(`${method} ${path}`);
      return jsonResponse(NOT_SIGNED_IN_BODY, 401);
    };
  const network = mockFetch({
    'GET /api/v1/auth/session': () => jsonResponse({ user: signedIn ? ME : null }),
    // What the app asked before /auth/session, so that this file also runs against that version.
    'GET /api/v1/auth/me': () =>
      signedIn ? jsonResponse(ME) : jsonResponse(NOT_SIGNED_IN_BODY, 401),
    'POST /api/v1/auth/login': () => {
      signedIn = true;
      return jsonResponse(ME);
    },
    'POST /api/v1/auth/logout': () => {
      signedIn = false;
      return new Response(null, { status: 204 });
    },
    // Registering signs no one in; opening the e-mailed link does.
    'POST /api/v1/auth/register': () =>
      jsonResponse({ detail: 'Check your inbox: we sent a message to this address.' }, 202),
    'POST /api/v1/auth/confirm-email': () => {
      signedIn = true;
      return jsonResponse(ME);
    },
    [`GET /api/v1/courses/${SLUG}/`]: () => jsonResponse(PLC_COURSE_DETAIL),
    [`GET /api/v1/courses/${SLUG}/enrollment`]: () =>
      jsonResponse({
        course: SLUG,
        enrollment_opens_at: null,
        enrollment_closes_at: null,
        is_open: true,
        capacity: null,
        places_left: null,
        my_enrollment: null,
        missing_prerequisites: signedIn ? [] : null,
      }),
    'GET /api/v1/enrollments/': asSomeone(() =>
      jsonResponse({ count: enrollments.length, next: null, previous: null, results: enrollments }),
    ),
    'POST /api/v1/enrollments/': asSomeone(() => {
      enrollments = [ENROLLMENT];
      return jsonResponse(ENROLLMENT, 201);
    }),
    'GET /api/v1/enrollments/11/': asSomeone(() => jsonResponse(ENROLLMENT)),
    'GET /api/v1/enrollments/11/progress/': asSomeone(() => jsonResponse(PROGRESS)),
    [`GET /api/v1/enrollments/11/lessons/${FIRST_LESSON}/`]: asSomeone(() =>
      jsonResponse(lesson(FIRST_LESSON, 'Scan cycle')),
    ),
    [`GET /api/v1/enrollments/11/lessons/${SECOND_LESSON}/`]: asSomeone(() =>
      jsonResponse(lesson(SECOND_LESSON, 'Ladder logic')),
    ),
    'POST /api/v1/enrollments/11/events/': asSomeone(() => jsonResponse({}, 201)),
  });
  return {
    network,
    signOutOnServer() {
      signedIn = false;
    },
    /** Requests the server refused as "not signed in" ("METHOD /path"). */
    refused,
  };
}

/** Every location the router goes through from now on. */
function recordLocations(router: ReturnType<typeof renderApp>['router']): string[] {
  const locations: string[] = [];
  router.subscribe((state) => {
    locations.push(state.location.pathname + state.location.search);
  });
  return locations;
}

async function logIn(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText('E-mail address'), ME.email);
  await user.type(screen.getByLabelText('Password'), 'a-long-password');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('signing in and out', () => {
  it('logs in from a course page, comes back to it, enrols without a reload and reaches My learning', async () => {
    const backend = fakeBackend();
    const { user, router } = renderApp(`/courses/${SLUG}`);
    const enrolment = await screen.findByRole('region', { name: 'Enrolment' });

    await user.click(await within(enrolment).findByRole('link', { name: 'Log in to enrol' }));
    expect(router.state.location.search).toBe(`?next=%2Fcourses%2F${SLUG}`);
    const locations = recordLocations(router);
    await logIn(user);

    // Back on the course page, which now knows who is there: no "Log in to enrol" left over.
    const panel = await screen.findByRole('region', { name: 'Enrolment' });
    await user.click(await within(panel).findByRole('button', { name: 'Enrol in this course' }));
    expect(await screen.findByText('All about Ladder logic.')).toBeVisible();
    expect(locations).toEqual([`/courses/${SLUG}`, '/learn/11', `/learn/11/${SECOND_LESSON}`]);

    await user.click(screen.getByRole('link', { name: 'My learning' }));
    expect(
      await screen.findByRole('article', { name: 'PLC Programming with IEC 61131-3' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/learning');
    expect(locations.slice(3)).toEqual(['/learning']);
    // Once on the course page after logging in, once more after enrolling: no loop.
    expect(backend.network.requestsTo('GET /api/v1/enrollments/?page_size=100')).toHaveLength(2);
    expect(backend.refused).toEqual([]);
  });

  it('registers from a course page, opens the e-mailed link and comes back to it, signed in', async () => {
    const backend = fakeBackend();
    const { user, router } = renderApp(`/courses/${SLUG}`);
    const enrolment = await screen.findByRole('region', { name: 'Enrolment' });

    await user.click(await within(enrolment).findByRole('link', { name: 'Register' }));
    expect(router.state.location.pathname).toBe('/register');
    await user.type(await screen.findByLabelText('E-mail address'), ME.email);
    await user.type(screen.getByLabelText('Password'), 'a-long-password');
    await user.type(screen.getByLabelText(/^Full name/), ME.full_name);
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Check your inbox' }),
    ).toBeVisible();
    const [registration] = backend.network.requestsTo('POST /api/v1/auth/register');
    expect(registration?.body).toMatchObject({ next: `/courses/${SLUG}` });

    // The link in the e-mail, opened in this browser.
    await router.navigate(`/confirm-email?token=signed-token&next=%2Fcourses%2F${SLUG}`);

    const panel = await screen.findByRole('region', { name: 'Enrolment' });
    expect(
      await within(panel).findByRole('button', { name: 'Enrol in this course' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe(`/courses/${SLUG}`);
    expect(backend.network.requestsTo('POST /api/v1/auth/confirm-email')).toHaveLength(1);
  });

  it('sends an anonymous visitor of My learning to log in once, and back', async () => {
    fakeBackend();
    const { user, router } = renderApp('/learning');

    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    expect(router.state.location.search).toBe('?next=%2Flearning');
    const locations = recordLocations(router);
    await logIn(user);

    expect(await screen.findByText('You are not enrolled in any course yet.')).toBeVisible();
    expect(locations).toEqual(['/learning']);
  });

  it('sends a learner whose session is cut mid-lesson to log in once, and back to the lesson', async () => {
    const backend = fakeBackend({ isSignedIn: true });
    const { user, router } = renderApp(`/learn/11/${SECOND_LESSON}`);
    expect(await screen.findByText('All about Ladder logic.')).toBeVisible();

    backend.signOutOnServer();
    const locations = recordLocations(router);
    await user.click(screen.getByRole('link', { name: 'Previous lesson' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    const back = `/learn/11/${FIRST_LESSON}`;
    expect(router.state.location.pathname + router.state.location.search).toBe(
      `/login?next=${encodeURIComponent(back)}`,
    );
    // The lesson and the "opened" event at most, never a loop.
    expect(backend.refused.length).toBeLessThanOrEqual(2);

    await logIn(user);
    expect(await screen.findByText('All about Scan cycle.')).toBeVisible();
    expect(locations).toEqual([back, `/login?next=${encodeURIComponent(back)}`, back]);
    expect(backend.refused.length).toBeLessThanOrEqual(2);
  });

  it('shows who is signed in after logging out and in as someone', async () => {
    fakeBackend({ isSignedIn: true });
    const { user } = renderApp('/');
    const navigation = screen.getByRole('navigation', { name: 'Main' });
    await user.click(await within(navigation).findByRole('button', { name: 'Log out' }));
    expect(await within(navigation).findByRole('link', { name: 'Log in' })).toBeVisible();
    expect(within(navigation).queryByRole('link', { name: 'My learning' })).toBeNull();

    await user.click(within(navigation).getByRole('link', { name: 'Log in' }));
    await logIn(user);

    expect(await within(navigation).findByRole('link', { name: 'My learning' })).toBeVisible();
    expect(within(navigation).queryByRole('link', { name: 'Log in' })).toBeNull();
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/courses/plc?lang=de#outline', '/courses/plc?lang=de#outline'],
    ['/learn/11/abc', '/learn/11/abc'],
    ['//evil.example/phish', '/profile'],
    ['/\\evil.example', '/profile'],
    ['/\t/evil.example', '/profile'],
    ['https://evil.example/', '/profile'],
    ['javascript:alert(1)', '/profile'],
    ['courses/plc', '/profile'],
    ['/login?next=%2Flearning', '/profile'],
    ['', '/profile'],
    [null, '/profile'],
  ])('follows %j to %j', (next, expected) => {
    expect(safeNextPath(next, '/profile')).toBe(expected);
  });
});
