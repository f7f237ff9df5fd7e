/** A package lesson: Start / Resume, the sandboxed frame, messages only from the content origin, the
 * attempt's status and what is missing, and a package that is not ready. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';

import type { PackageAttempt } from '../types';
import { PACKAGE_SANDBOX, PackageLesson } from './PackageLesson';

const CONTENT_ORIGIN = 'http://localhost:8000';
const LAUNCH_URL = `${CONTENT_ORIGIN}/p/signed-token/`;
const LAUNCH_ROUTE = 'POST /api/v1/enrollments/7/lessons/lesson-key-1/launch';
const PACKAGE = { standard: 'scorm_1.2' as const, title: 'Safety basics', mastery_score: 80 };

function attemptOf(change: Partial<PackageAttempt> = {}): PackageAttempt {
  return {
    completion_status: 'incomplete',
    success_status: 'unknown',
    score: null,
    is_complete: false,
    updated_at: '2026-12-07T09:00:00Z',
    ...change,
  };
}

function renderLesson(attempt: PackageAttempt | null) {
  // Its own client (the app's is the app layer's): the test watches what it is told to refresh.
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={queryClient}>
      <PackageLesson
        enrollmentId={7}
        lessonKey="lesson-key-1"
        title="Safety basics"
        lessonPackage={PACKAGE}
        attempt={attempt}
      />
    </QueryClientProvider>,
  );
  return { invalidate, user };
}

function launched() {
  return jsonResponse(
    {
      launch_url: LAUNCH_URL,
      content_origin: CONTENT_ORIGIN,
      standard: 'scorm_1.2',
      expires_at: '2026-12-07T17:00:00Z',
    },
    201,
  );
}

function postFrom(origin: string, data: unknown) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { origin, data }));
  });
}

describe('PackageLesson', () => {
  it('starts the package in a sandboxed frame from the launch URL', async () => {
    const server = mockFetch({ [LAUNCH_ROUTE]: launched });
    const { user } = renderLesson(null);
    expect(screen.getByText(/You have not started this lesson yet/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start the lesson' }));

    const frame = await screen.findByTitle('Interactive lesson: Safety basics');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame).toHaveAttribute('src', LAUNCH_URL);
    expect(frame).toHaveAttribute(
      'sandbox',
      'allow-scripts allow-same-origin allow-forms allow-popups allow-modals',
    );
    expect(PACKAGE_SANDBOX).toBe(frame.getAttribute('sandbox'));
    expect(frame).toHaveAttribute('allow', 'fullscreen');
    expect(screen.getByRole('button', { name: 'Full screen' })).toBeInTheDocument();
    expect(server.requestsTo(LAUNCH_ROUTE)).toHaveLength(1);
    expect(server.requestsTo(LAUNCH_ROUTE)[0]?.headers.get('X-CSRFToken')).toBe('test-csrf-token');
  });

  it('offers Resume once an attempt exists, with its status and what is missing', () => {
    mockFetch({});
    renderLesson(
      attemptOf({ completion_status: 'completed', success_status: 'failed', score: 60 }),
    );
    expect(screen.getByRole('button', { name: 'Resume the lesson' })).toBeInTheDocument();
    const status = screen.getByTestId('package-status');
    expect(within(status).getByText('completed')).toBeInTheDocument();
    expect(within(status).getByText('not passed')).toBeInTheDocument();
    expect(within(status).getByText('60% (80% needed to pass)')).toBeInTheDocument();
    expect(
      within(status)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Your score 60% is below the 80% needed to pass.']);
  });

  it('says what is missing before completion and before passing', () => {
    mockFetch({});
    renderLesson(attemptOf());
    expect(
      within(screen.getByTestId('package-status'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Work through the lesson to its end.', 'Pass its check with at least 80%.']);
  });

  it('says a complete attempt is done, in German too', async () => {
    mockFetch({});
    await act(() => i18n.changeLanguage('de'));
    renderLesson(attemptOf({ completion_status: 'passed', is_complete: true, score: 90 }));
    expect(screen.getByText('Sie haben diese Lektion abgeschlossen.')).toBeInTheDocument();
    expect(screen.queryByRole('listitem')).toBeNull();
    expect(screen.getByRole('button', { name: 'Lektion fortsetzen' })).toBeInTheDocument();
  });

  it('refreshes the lesson once launched, and every few seconds while a cmi5 AU is open', async () => {
    const cmi5Launch = () =>
      jsonResponse(
        {
          launch_url: LAUNCH_URL,
          content_origin: CONTENT_ORIGIN,
          standard: 'cmi5',
          expires_at: '2026-12-07T17:00:00Z',
        },
        201,
      );
    mockFetch({ [LAUNCH_ROUTE]: cmi5Launch });
    const { invalidate, user } = renderLesson(null);
    const lessonQuery = { queryKey: ['enrollment', 'lesson', 7, 'lesson-key-1'] };
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      await user.click(screen.getByRole('button', { name: 'Start the lesson' }));
      await screen.findByTitle('Interactive lesson: Safety basics');
      // The launch made the attempt: the lesson is asked for again at once.
      expect(invalidate).toHaveBeenCalledWith(lessonQuery);
      invalidate.mockClear();

      act(() => {
        vi.advanceTimersByTime(10_000);
      });
      expect(invalidate).toHaveBeenCalledWith(lessonQuery);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refreshes progress and the lesson on messages from the content origin only', async () => {
    mockFetch({ [LAUNCH_ROUTE]: launched });
    const { invalidate, user } = renderLesson(null);
    await user.click(screen.getByRole('button', { name: 'Start the lesson' }));
    await screen.findByTitle('Interactive lesson: Safety basics');
    invalidate.mockClear();

    const message = { type: 'icim:package', event: 'committed', status: null };
    postFrom('http://127.0.0.1:8000', message); // the platform itself, not the content
    postFrom('https://evil.example', message);
    postFrom(CONTENT_ORIGIN, { type: 'something-else', event: 'committed' });
    expect(invalidate).not.toHaveBeenCalled();

    postFrom(CONTENT_ORIGIN, message);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['enrollment', 'progress', 7] });
    expect(invalidate).toHaveBeenCalledWith({
      queryKey: ['enrollment', 'lesson', 7, 'lesson-key-1'],
    });
    expect(screen.getByRole('status')).toHaveTextContent('Your progress was saved.');

    postFrom(CONTENT_ORIGIN, { ...message, event: 'terminated' });
    expect(screen.getByRole('status')).toHaveTextContent(
      'The lesson was closed and your progress saved.',
    );
  });

  it('says clearly that a package still being stored is not ready', async () => {
    // The launch view answers its 409 itself: a detail, no code.
    mockFetch({
      [LAUNCH_ROUTE]: () => jsonResponse({ detail: 'The package is still being stored.' }, 409),
    });
    const { user } = renderLesson(null);
    await user.click(screen.getByRole('button', { name: 'Start the lesson' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This lesson is not ready yet');
    expect(alert).toHaveTextContent('The package is still being stored.');
    expect(screen.queryByTitle('Interactive lesson: Safety basics')).toBeNull();
    expect(screen.getByRole('button', { name: 'Start the lesson' })).toBeEnabled();
  });

  it('says when the network failed', async () => {
    mockFetch({
      [LAUNCH_ROUTE]: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const { user } = renderLesson(null);
    await user.click(screen.getByRole('button', { name: 'Start the lesson' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(i18n.t('errors.network'));
  });
});
