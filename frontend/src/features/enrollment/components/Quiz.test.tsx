/** The quiz: answer shapes per question kind, attempt counter, feedback, retry and the timer. */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/lib/api-error';
import { renderComponent } from '@/testing/render';

import { parseNumber } from '../quiz-answers';
import type { EventResult, LessonQuiz, QuizAnswer, QuizAttempt } from '../types';
import { Quiz } from './Quiz';

const QUIZ: LessonQuiz = {
  pass_mark: 70,
  attempts_allowed: 3,
  time_limit_minutes: null,
  questions: [
    {
      key: 'q-single',
      kind: 'single_choice',
      points: '1',
      prompt: 'Which language is a PLC standard?',
      options: [
        { key: 'st', text: 'Structured Text' },
        { key: 'py', text: 'Python' },
      ],
    },
    {
      key: 'q-multiple',
      kind: 'multiple_choice',
      points: '2',
      prompt: 'Which are IEC 61131-3 languages?',
      options: [
        { key: 'ld', text: 'Ladder Diagram' },
        { key: 'fbd', text: 'Function Block Diagram' },
        { key: 'js', text: 'JavaScript' },
      ],
    },
    {
      key: 'q-bool',
      kind: 'true_false',
      points: '1',
      prompt: 'A PLC scans cyclically.',
      options: [],
    },
    { key: 'q-number', kind: 'numeric', points: '1', prompt: 'Scan time in ms?', options: [] },
    { key: 'q-text', kind: 'short_text', points: '1', prompt: 'Name the standard.', options: [] },
  ],
};

function graded(overrides: Partial<EventResult>): EventResult {
  return {
    id: 'e1',
    kind: 'quiz_submitted',
    lesson: 'l1',
    recorded_at: '2026-03-02T10:00:00Z',
    progress: { percent: 50, is_complete: false, grade: '40.00', status: 'active' },
    ...overrides,
  };
}

const CONTENT_LANGUAGE = { lang: 'en', dir: 'ltr' } as const;

function attemptStarted(overrides: Partial<QuizAttempt> = {}): QuizAttempt {
  return {
    attempt: 1,
    attempts_left: 2,
    started_at: '2026-03-02T10:00:00Z',
    ends_at: null,
    seconds_left: null,
    is_new: true,
    ...overrides,
  };
}

function renderQuiz(
  submit: (answers: Record<string, QuizAnswer>) => Promise<EventResult>,
  quiz = QUIZ,
  start: () => Promise<QuizAttempt> = () => Promise.resolve(attemptStarted()),
  isAttemptRunning = false,
) {
  return renderComponent(
    <Quiz
      quiz={quiz}
      contentLanguage={CONTENT_LANGUAGE}
      start={start}
      submit={submit}
      isAttemptRunning={isAttemptRunning}
    />,
  ).user;
}

describe('Quiz', () => {
  it('asks before handing in an attempt with unanswered questions, naming them', async () => {
    const submit = vi.fn<(answers: Record<string, QuizAnswer>) => Promise<EventResult>>(() =>
      Promise.resolve(graded({ attempt: 1, attempts_left: 2, passed: false, score: '20.00' })),
    );
    const user = renderQuiz(submit);
    await user.click(await screen.findByLabelText('Structured Text'));
    await user.click(screen.getByLabelText('True'));
    await user.click(screen.getByRole('button', { name: 'Submit answers' }));

    const confirmation = screen.getByRole('alertdialog', {
      name: 'Submit with unanswered questions?',
    });
    expect(confirmation).toHaveAccessibleDescription(
      '3 of 5 questions have no answer (questions 2, 4, and 5). They score no points, and this attempt counts.',
    );
    expect(within(confirmation).getByRole('button', { name: 'Keep answering' })).toHaveFocus();
    expect(submit).not.toHaveBeenCalled();

    await user.click(within(confirmation).getByRole('button', { name: 'Keep answering' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(submit).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Your answer (a number)'), '10');
    await user.type(screen.getByLabelText('Your answer'), 'IEC 61131-3');
    await user.click(screen.getByRole('button', { name: 'Submit answers' }));
    expect(
      screen.getByRole('alertdialog', { name: 'Submit with unanswered questions?' }),
    ).toHaveAccessibleDescription(
      '1 of 5 questions has no answer (question 2). It scores no points, and this attempt counts.',
    );
    await user.click(screen.getByRole('button', { name: 'Submit anyway' }));

    expect(submit).toHaveBeenCalledTimes(1);
    expect(submit).toHaveBeenCalledWith({
      'q-single': 'st',
      'q-bool': true,
      'q-number': 10,
      'q-text': 'IEC 61131-3',
    });
    expect(await screen.findByRole('heading', { name: 'Not passed yet' })).toBeVisible();
  });

  it('hands in a fully answered attempt without asking', async () => {
    const submit = vi.fn(() => Promise.resolve(graded({ attempt: 1, passed: true })));
    const user = renderQuiz(submit, { ...QUIZ, questions: QUIZ.questions.slice(0, 1) });
    await user.click(await screen.findByLabelText('Structured Text'));
    await user.click(screen.getByRole('button', { name: 'Submit answers' }));

    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(submit).toHaveBeenCalledWith({ 'q-single': 'st' });
  });

  it('sends each kind of answer in the shape the grader takes, leaving out unanswered ones', async () => {
    const submit = vi.fn<(answers: Record<string, QuizAnswer>) => Promise<EventResult>>(() =>
      Promise.resolve(graded({ attempt: 1, attempts_left: 2, passed: true, score: '100.00' })),
    );
    const user = renderQuiz(submit);
    expect(screen.getByTestId('attempt-counter')).toHaveTextContent('3 attempts allowed');

    await user.click(await screen.findByLabelText('Structured Text'));
    await user.click(screen.getByLabelText('Ladder Diagram'));
    await user.click(screen.getByLabelText('Function Block Diagram'));
    await user.click(screen.getByLabelText('True'));
    await user.type(screen.getByLabelText('Your answer (a number)'), '12,5');
    await user.click(screen.getByRole('button', { name: 'Submit answers' }));
    await user.click(await screen.findByRole('button', { name: 'Submit anyway' }));

    expect(submit).toHaveBeenCalledWith({
      'q-single': 'st',
      'q-multiple': ['ld', 'fbd'],
      'q-bool': true,
      'q-number': 12.5,
    });
    expect(await screen.findByRole('heading', { name: 'Passed' })).toBeVisible();
    expect(screen.getByTestId('attempt-counter')).toHaveTextContent('Attempt 1 of 3');
  });

  it('refuses a numeric answer that is not a number, without using an attempt', async () => {
    const submit = vi.fn(() => Promise.resolve(graded({})));
    const user = renderQuiz(submit);
    await user.type(await screen.findByLabelText('Your answer (a number)'), 'twelve');
    await user.click(screen.getByRole('button', { name: 'Submit answers' }));
    expect(screen.getByText('Enter a number, for example 12.5.')).toBeVisible();
    expect(screen.getByLabelText('Your answer (a number)')).toHaveAttribute('aria-invalid', 'true');
    expect(submit).not.toHaveBeenCalled();
  });

  it('shows per-question feedback with the correct answer, and offers another attempt', async () => {
    const submit = vi.fn(() =>
      Promise.resolve(
        graded({
          attempt: 1,
          attempts_left: 2,
          passed: false,
          score: '33.33',
          points: '2',
          max_points: '6',
          answers_revealed: true,
          feedback: [
            {
              question: 'q-single',
              correct: false,
              points: '0',
              max_points: '1',
              correct_answer: 'st',
              explanation: 'Structured Text is one of the five languages.',
            },
            { question: 'q-bool', correct: true, points: '1', max_points: '1' },
          ],
        }),
      ),
    );
    const user = renderQuiz(submit);
    await user.click(await screen.findByLabelText('Python'));
    await user.click(screen.getByLabelText('True'));
    await user.click(screen.getByRole('button', { name: 'Submit answers' }));
    await user.click(await screen.findByRole('button', { name: 'Submit anyway' }));

    expect(await screen.findByRole('heading', { name: 'Not passed yet' })).toBeVisible();
    expect(screen.getByText('Score: 33.33% (2 of 6 points)')).toBeVisible();
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      '✗ IncorrectWhich language is a PLC standard?Your answer: PythonCorrect answer: Structured TextStructured Text is one of the five languages.',
    );
    expect(items[1]).toHaveTextContent('✓ CorrectA PLC scans cyclically.Your answer: True');
    expect(screen.getByText('You have 2 attempts left.')).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByLabelText('Python')).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Submit answers' })).toBeEnabled();
  });

  it('offers no retry when no attempt is left', async () => {
    const submit = vi.fn(() =>
      Promise.resolve(graded({ attempt: 3, attempts_left: 0, passed: false, score: '10.00' })),
    );
    const user = renderQuiz(submit);
    await user.click(await screen.findByRole('button', { name: 'Submit answers' }));
    await user.click(await screen.findByRole('button', { name: 'Submit anyway' }));
    expect(await screen.findByText('You have 0 attempts left.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('starts a timed attempt on the server only when asked, and counts down its time', async () => {
    // Only the fake clock moves: the countdown reads exactly what the test advanced.
    vi.useFakeTimers();
    try {
      const submit = vi.fn<(answers: Record<string, QuizAnswer>) => Promise<EventResult>>(() =>
        Promise.resolve(graded({ attempt: 1, attempts_left: 2, passed: false, score: '0.00' })),
      );
      const start = vi.fn(() =>
        Promise.resolve(attemptStarted({ ends_at: '2026-03-02T10:01:00Z', seconds_left: 60 })),
      );
      renderQuiz(submit, { ...QUIZ, time_limit_minutes: 1 }, start);
      expect(
        screen.getByText(/This quiz is timed: you have 1 minute from the moment you start/),
      ).toBeVisible();
      expect(screen.queryByLabelText('Structured Text')).toBeNull();
      expect(start).not.toHaveBeenCalled();

      fireEvent.click(screen.getByRole('button', { name: 'Start the attempt' }));
      await act(async () => {
        await vi.advanceTimersByTimeAsync(0); // the server's answer to the start
      });
      fireEvent.click(screen.getByLabelText('Structured Text'));
      expect(start).toHaveBeenCalledTimes(1);
      expect(screen.getByRole('timer')).toHaveTextContent('1:00');

      await act(async () => {
        await vi.advanceTimersByTimeAsync(30_000);
      });
      expect(screen.getByRole('timer')).toHaveTextContent('0:30');
      await act(async () => {
        await vi.advanceTimersByTimeAsync(31_000);
      });
      expect(submit).toHaveBeenCalledTimes(1);
      expect(submit).toHaveBeenCalledWith({ 'q-single': 'st' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('resumes a running timed attempt with the time the server says is left', async () => {
    const start = vi.fn(() =>
      Promise.resolve(
        attemptStarted({ ends_at: '2026-03-02T10:01:00Z', seconds_left: 42, is_new: false }),
      ),
    );
    renderQuiz(
      vi.fn(() => Promise.resolve(graded({}))),
      { ...QUIZ, time_limit_minutes: 1 },
      start,
      true,
    );

    expect(await screen.findByLabelText('Structured Text')).toBeVisible();
    expect(screen.getByRole('timer')).toHaveTextContent('0:42');
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts each untimed attempt by itself, the retry included', async () => {
    const start = vi.fn(() => Promise.resolve(attemptStarted()));
    const submit = vi.fn(() =>
      Promise.resolve(graded({ attempt: 1, attempts_left: 2, passed: false, score: '0.00' })),
    );
    const user = renderQuiz(submit, QUIZ, start);

    await user.click(await screen.findByRole('button', { name: 'Submit answers' }));
    await user.click(await screen.findByRole('button', { name: 'Submit anyway' }));
    await user.click(await screen.findByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('button', { name: 'Submit answers' })).toBeEnabled();
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('says why an attempt cannot start, and offers to try again', async () => {
    const start = vi.fn<() => Promise<QuizAttempt>>().mockRejectedValueOnce(
      new ApiError({
        status: 400,
        code: 'no_attempts_left',
        detail: 'No attempts left: this quiz allows 3.',
      }),
    );
    renderQuiz(
      vi.fn(() => Promise.resolve(graded({}))),
      QUIZ,
      start,
    );

    expect(await screen.findByText('No attempts left: this quiz allows 3.')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Submit answers' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Start the attempt' })).toBeEnabled();
  });
});

describe('parseNumber', () => {
  it.each([
    ['12.5', 12.5],
    ['12,5', 12.5],
    [' -3 ', -3],
    ['1e3', 1000],
    ['twelve', undefined],
    ['1.2.3', undefined],
    ['', undefined],
  ])('%j → %j', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });
});
