/** The quiz builder edits every question kind and its answer key, and says what a key lacks. */
import { screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';

import { renderComponent } from '@/testing/render';

import { newLesson } from '../course-package';
import type { QuizSettings } from '../types';
import { QuizBuilder } from './QuizBuilder';

/** Keeps the quiz in state as the editor does, and shows the latest for assertions. */
function Harness({ onQuiz }: { onQuiz: (quiz: QuizSettings) => void }) {
  const [quiz, setQuiz] = useState<QuizSettings>(() => {
    const lesson = newLesson('quiz', ['en', 'de']);
    if (lesson.kind !== 'quiz') throw new Error('a quiz lesson has a quiz');
    return lesson.quiz;
  });
  return (
    <QuizBuilder
      quiz={quiz}
      language="en"
      languages={['en', 'de']}
      onChange={(changed) => {
        setQuiz(changed);
        onQuiz(changed);
      }}
    />
  );
}

function setup() {
  let latest: QuizSettings | undefined;
  const utils = renderComponent(
    <Harness
      onQuiz={(quiz) => {
        latest = quiz;
      }}
    />,
  );
  return { ...utils, quiz: () => latest };
}

describe('QuizBuilder', () => {
  it('writes a single-choice question with exactly one correct option', async () => {
    const { user, quiz } = setup();
    const question = screen.getByRole('group', { name: 'Question 1' });
    await user.type(within(question).getByLabelText('Question'), 'Which language is graphical?');
    await user.type(within(question).getByLabelText('Option 1'), 'Ladder diagram');
    await user.type(within(question).getByLabelText('Option 2'), 'Structured text');
    await user.click(within(question).getByLabelText('Option 2 is correct'));

    const written = quiz()?.questions[0];
    expect(written?.translations.en?.prompt).toBe('Which language is graphical?');
    expect(written?.options?.map((option) => [option.translations.en, option.is_correct])).toEqual([
      ['Ladder diagram', false],
      ['Structured text', true],
    ]);
    // Every course language has its (still empty) text, as the package format requires.
    expect(written?.options?.[0]?.translations.de).toBe('');
    expect(within(question).queryByTestId('answer-key-problems')).not.toBeInTheDocument();
  });

  it('adds true/false, numeric and short-text questions with their answer keys', async () => {
    const { user, quiz } = setup();
    await user.click(screen.getByRole('button', { name: 'Add: True or false' }));
    await user.click(
      within(screen.getByRole('group', { name: 'Question 2' })).getByLabelText('False'),
    );
    await user.click(screen.getByRole('button', { name: 'Add: Number' }));
    const numeric = screen.getByRole('group', { name: 'Question 3' });
    await user.clear(within(numeric).getByLabelText('Correct number'));
    await user.type(within(numeric).getByLabelText('Correct number'), '3.3');
    await user.type(within(numeric).getByLabelText('Tolerance (±)'), '0.05');
    await user.click(screen.getByRole('button', { name: 'Add: Short text' }));
    const shortText = screen.getByRole('group', { name: 'Question 4' });
    expect(within(shortText).getByTestId('answer-key-problems')).toHaveTextContent(
      'Enter at least one accepted answer.',
    );
    await user.type(
      within(shortText).getByLabelText('Accepted answers'),
      'ladder diagram{Enter}ld',
    );

    const questions = quiz()?.questions ?? [];
    expect(questions.map((question) => question.kind)).toEqual([
      'single_choice',
      'true_false',
      'numeric',
      'short_text',
    ]);
    expect(questions[1]?.answer).toBe(false);
    expect(questions[2]?.answer).toBe(3.3);
    expect(questions[2]?.tolerance).toBe(0.05);
    expect(questions[3]?.accepted_answers).toEqual({ en: ['ladder diagram', 'ld'], de: [''] });
    expect(within(shortText).queryByTestId('answer-key-problems')).not.toBeInTheDocument();
  });

  it('says inline when a multiple-choice key has no correct option', async () => {
    const { user } = setup();
    const question = screen.getByRole('group', { name: 'Question 1' });
    await user.selectOptions(
      within(question).getByLabelText('Kind of question'),
      'multiple_choice',
    );
    await user.click(within(question).getByLabelText('Option 1 is correct'));
    expect(within(question).getByTestId('answer-key-problems')).toHaveTextContent(
      'Mark at least one option as correct.',
    );
  });

  it('reorders and removes questions, keeping at least one', async () => {
    const { user, quiz } = setup();
    await user.click(screen.getByRole('button', { name: 'Add: True or false' }));
    await user.click(screen.getByRole('button', { name: 'Move up Question 2' }));
    expect(quiz()?.questions.map((question) => question.kind)).toEqual([
      'true_false',
      'single_choice',
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove question 2' }));
    expect(quiz()?.questions).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Remove question 1' })).toBeDisabled();
  });
});
