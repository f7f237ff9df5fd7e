// The answer key of a demo course's quiz, read from its course package (devdata/data).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
  const path = fileURLToPath(
    new URL(`../../../devdata/data/demo_courses/${courseSlug}.json`, import.meta.url),
  );
  const course = (
    JSON.parse(readFileSync(path, 'utf-8')) as {
      course: { modules: { lessons: PackageLesson[] }[] };
    }
  ).course;
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
