// The answer key of a demo course's quiz, read from its course package (devdata/data), and the
// learner's hand that gives it on the quiz page (English labels).
import type { Page } from '@playwright/test';

import { demoCourse } from './demo-course';

export interface KeyQuestion {
  kind: string;
  prompt: string;
  /** Option texts to choose (choice questions), `true`/`false`, a number, or a text answer. */
  answer: string[] | boolean | number | string;
}

interface PackageQuestion {
  kind: string;
  translations: Record<string, { prompt: string }>;
  options?: { is_correct: boolean; translations: Record<string, string> }[];
  answer?: boolean | number;
  accepted_answers?: Record<string, string[]>;
}

interface PackageLesson {
  kind: string;
  quiz?: { questions: PackageQuestion[] };
}

export function quizKey(courseSlug: string, language = 'en'): KeyQuestion[] {
  const course = demoCourse(courseSlug) as { modules: { lessons: PackageLesson[] }[] };
  const quiz = course.modules
    .flatMap((module) => module.lessons)
    .find((lesson) => lesson.quiz)?.quiz;
  if (!quiz) throw new Error(`${courseSlug} has no quiz`);
  return quiz.questions.map((question) => {
    const prompt = question.translations[language]?.prompt ?? '';
    if (question.kind === 'single_choice' || question.kind === 'multiple_choice')
      return {
        kind: question.kind,
        prompt,
        answer: (question.options ?? [])
          .filter((option) => option.is_correct)
          .map((option) => option.translations[language] ?? ''),
      };
    if (question.kind === 'short_text')
      return {
        kind: question.kind,
        prompt,
        answer: question.accepted_answers?.[language]?.[0] ?? '',
      };
    return { kind: question.kind, prompt, answer: question.answer ?? '' };
  });
}

/** Answers each question of the quiz on the page as the key says. */
export async function answerCorrectly(page: Page, questions: KeyQuestion[]) {
  for (const question of questions) {
    const fieldset = page.locator('fieldset', { hasText: question.prompt });
    if (Array.isArray(question.answer)) {
      for (const option of question.answer)
        await fieldset.getByLabel(option, { exact: true }).check();
    } else if (typeof question.answer === 'boolean') {
      await fieldset.getByLabel(question.answer ? 'True' : 'False', { exact: true }).check();
    } else {
      await fieldset.getByRole('textbox').fill(String(question.answer));
    }
  }
}
