/** From what a learner typed or chose to the answer shapes the grader takes. */
import type { LessonQuestion, QuizAnswer } from './types';

/** What the learner has typed or chosen, per question key, before it becomes an answer. */
export type Draft = Record<string, string | string[] | undefined>;

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits, which Arabic keyboards type, as ASCII digits. */
function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => {
    const codePoint = digit.codePointAt(0) ?? 0;
    return String(codePoint - (codePoint >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

/** "12.5", "12,5" and "١٢٫٥" are numbers; anything else is not. */
export function parseNumber(text: string): number | undefined {
  // U+066B is the Arabic decimal separator.
  const normalized = toAsciiDigits(text.trim()).replace(/[,\u066B]/, '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalized)) return undefined;
  const value = Number(normalized);
  return Number.isFinite(value) ? value : undefined;
}

/** The grader's answer shapes from the draft; unanswered questions are left out (they score 0). */
export function toAnswers(
  questions: readonly LessonQuestion[],
  draft: Draft,
): { answers: Record<string, QuizAnswer>; invalid: string[] } {
  const answers: Record<string, QuizAnswer> = {};
  const invalid: string[] = [];
  for (const question of questions) {
    const value = draft[question.key];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      continue;
    if (question.kind === 'multiple_choice') answers[question.key] = [value].flat();
    else if (question.kind === 'true_false') answers[question.key] = value === 'true';
    else if (question.kind === 'numeric') {
      const number = parseNumber(String(value));
      if (number === undefined) invalid.push(question.key);
      else answers[question.key] = number;
    } else answers[question.key] = String(value);
  }
  return { answers, invalid };
}
