/** The graded result shows numbers and chosen options as the UI language writes them. */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';
import { renderComponent } from '@/testing/render';

import { parseNumber } from '../quiz-answers';
import type { EventResult, LessonQuestion } from '../types';
import { QuizResult } from './Quiz';

const QUESTIONS: LessonQuestion[] = [
  { key: 'q-number', kind: 'numeric', points: '1', prompt: 'Cycle time in ms?', options: [] },
  {
    key: 'q-multiple',
    kind: 'multiple_choice',
    points: '2',
    prompt: 'Which are IEC 61131-3 languages?',
    options: [
      { key: 'ld', text: 'Ladder Diagram' },
      { key: 'fbd', text: 'Function Block Diagram' },
    ],
  },
];

const RESULT: EventResult = {
  id: 'e1',
  kind: 'quiz_submitted',
  lesson: 'l1',
  recorded_at: '2026-03-02T10:00:00Z',
  progress: { percent: 50, is_complete: false, grade: '66.67', status: 'active' },
  passed: false,
  score: '66.67',
  points: '2',
  max_points: '3',
  feedback: [
    {
      question: 'q-number',
      correct: false,
      points: '0',
      max_points: '1',
      correct_answer: '1120.000000',
    },
    { question: 'q-multiple', correct: true, points: '2', max_points: '2' },
  ],
};

function renderResult() {
  renderComponent(
    <QuizResult
      result={RESULT}
      questions={QUESTIONS}
      submitted={{ 'q-number': 1120.5, 'q-multiple': ['ld', 'fbd'] }}
      contentLanguage={{ lang: 'en', dir: 'ltr' }}
    />,
  );
}

describe('QuizResult', () => {
  it('writes the expected number as a number, not as the grader’s decimal string', () => {
    renderResult();
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Your answer: 1,120.5Correct answer: 1,120');
    expect(items[0]).not.toHaveTextContent('1120.000000');
    expect(items[1]).toHaveTextContent('Your answer: Ladder Diagram, Function Block Diagram');
    expect(screen.getByText('Score: 66.67% (2 of 3 points)')).toBeVisible();
  });

  it('uses the German number separators in German, and the course language for its options', async () => {
    await i18n.changeLanguage('de');
    renderResult();
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('1.120,5');
    expect(items[0]).toHaveTextContent(/1\.120$/);
    // The options are the course's (English) texts: listed as English lists them.
    expect(items[1]).toHaveTextContent('Ladder Diagram, Function Block Diagram');
    expect(items[1]).not.toHaveTextContent(' und ');
    expect(screen.getByText(/66,67\s%/)).toBeVisible();
  });
});

describe('parseNumber', () => {
  it.each([
    ['12.5', 12.5],
    ['12,5', 12.5],
    ['١٢٫٥', 12.5],
    ['١١٢٠', 1120],
    ['۱۲', 12],
    ['twelve', undefined],
  ])('reads %s as %s', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });
});
