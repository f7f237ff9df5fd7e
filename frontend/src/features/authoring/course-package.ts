/**
 * Editing the `icim-course/1` course package (courses/data/FORMAT.md): pure functions only, every
 * edit returns a new package. Its types are generated from the OpenAPI schema (see ./types); the
 * backend's validator stays the authority and reports problems by location.
 */
import type {
  CoursePackage,
  LessonKind,
  LessonTexts,
  PackageLanguage,
  PackageCourse,
  PackageLesson,
  PackageModule,
  QuestionKind,
  QuestionTexts,
  QuizOption,
  QuizQuestion,
  Translations,
} from './types';

export const PACKAGE_FORMAT = 'icim-course/1';
export const PACKAGE_LANGUAGES = ['en', 'zh-hans', 'de', 'ar'] as const;
export const LEVELS = [
  'beginner',
  'intermediate',
  'advanced',
] as const satisfies readonly PackageCourse['level'][];
export const LESSON_KINDS = [
  'text',
  'video',
  'resource',
  'quiz',
  'package',
] as const satisfies readonly LessonKind[];
export const QUESTION_KINDS = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'numeric',
  'short_text',
] as const satisfies readonly QuestionKind[];
/** The server's default share of a video to watch (courses.packages.DEFAULT_VIDEO_WATCHED_PERCENT). */
export const DEFAULT_VIDEO_WATCHED_PERCENT = 90;

/** Stable keys let the diff, review comments and learners' progress follow an item. */
export function newKey(): string {
  return globalThis.crypto.randomUUID();
}

function textsFor<T extends object>(languages: readonly string[], empty: T): Translations<T> {
  return Object.fromEntries(languages.map((language) => [language, { ...empty }]));
}

export function newQuestion(kind: QuestionKind, languages: readonly string[]): QuizQuestion {
  const base: QuizQuestion = {
    key: newKey(),
    kind,
    points: 1,
    translations: textsFor(languages, { prompt: '', explanation: '' }),
  };
  const option = (isCorrect: boolean): QuizOption => ({
    key: newKey(),
    is_correct: isCorrect,
    translations: Object.fromEntries(languages.map((language) => [language, ''])),
  });
  switch (kind) {
    case 'single_choice':
    case 'multiple_choice':
      return { ...base, options: [option(true), option(false)] };
    case 'true_false':
      return { ...base, answer: true };
    case 'numeric':
      return { ...base, answer: 0, tolerance: 0 };
    case 'short_text':
      return {
        ...base,
        accepted_answers: Object.fromEntries(languages.map((language) => [language, ['']])),
      };
  }
}

export function newLesson(kind: LessonKind, languages: readonly string[]): PackageLesson {
  const common = {
    key: newKey(),
    is_required: true,
    is_preview: false,
    duration_minutes: 10,
    competencies: [],
    translations: textsFor(languages, { title: '', body: '' }),
  };
  switch (kind) {
    case 'text':
      return { ...common, kind };
    case 'video':
      return {
        ...common,
        kind,
        video_url: '',
        video_completion: 'watched_or_transcript',
        video_watched_percent: DEFAULT_VIDEO_WATCHED_PERCENT,
        translations: textsFor(languages, { title: '', body: '', transcript: '' }),
      };
    case 'resource':
      return { ...common, kind, resource: '' };
    case 'package':
      // No field of its own: the SCORM / cmi5 zip is uploaded to the lesson's key.
      return { ...common, kind };
    case 'quiz':
      return {
        ...common,
        kind,
        quiz: {
          pass_mark: 70,
          attempts_allowed: 3,
          time_limit_minutes: null,
          shuffle_questions: false,
          grading: 'best',
          weight: 1,
          reveal_answers: 'after_pass',
          questions: [newQuestion('single_choice', languages)],
        },
      };
  }
}

/** The questions of a quiz lesson, none for the other kinds. */
export function questionsOf(lesson: PackageLesson): QuizQuestion[] {
  return lesson.kind === 'quiz' ? lesson.quiz.questions : [];
}

/** A lesson with each of its quiz's questions changed (other kinds have none). */
function withQuestions(
  lesson: PackageLesson,
  change: (question: QuizQuestion) => QuizQuestion,
): PackageLesson {
  if (lesson.kind !== 'quiz') return lesson;
  return { ...lesson, quiz: { ...lesson.quiz, questions: lesson.quiz.questions.map(change) } };
}

export function newModule(languages: readonly string[]): PackageModule {
  return { key: newKey(), translations: textsFor(languages, { title: '' }), lessons: [] };
}

export function newPackage({
  slug,
  code,
  title,
  institution,
  primaryLanguage,
}: {
  slug: string;
  code: string;
  title: string;
  institution: string;
  primaryLanguage: PackageLanguage;
}): CoursePackage {
  const languages = [primaryLanguage];
  return {
    format: PACKAGE_FORMAT,
    course: {
      slug,
      code,
      primary_language: primaryLanguage,
      languages,
      level: 'beginner',
      estimated_hours: 1,
      institutions: [institution],
      prerequisites: [],
      competencies: [],
      certificate_validity_months: null,
      pass_mark: 70,
      show_grade_on_certificate: true,
      translations: { [primaryLanguage]: { title, summary: '', description: '' } },
      modules: [{ ...newModule(languages), lessons: [newLesson('text', languages)] }],
    },
  };
}

/** A course title from its text: lowercase letters, digits and single hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** Move one item of a list from one index to another (drag-to-reorder, move up/down). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const result = [...items];
  const [moved] = result.splice(from, 1);
  if (moved === undefined) return result;
  result.splice(Math.max(0, Math.min(to, result.length)), 0, moved);
  return result;
}

/** Every translatable text object of a package, with the fields that count for completeness. */
interface TextSlot {
  get: (language: string) => string[];
}

function slots(course: PackageCourse): TextSlot[] {
  const found: TextSlot[] = [];
  const fieldsOf = <T extends object>(translations: Translations<T>, fields: (keyof T)[]) =>
    found.push({
      get: (language) => fields.map((field) => String(translations[language]?.[field] ?? '')),
    });
  fieldsOf(course.translations, ['title', 'summary', 'description']);
  for (const module of course.modules) {
    fieldsOf(module.translations, ['title']);
    for (const lesson of module.lessons) {
      const primary = lesson.translations[course.primary_language];
      // Optional texts count only where the primary language has them.
      const fields: (keyof LessonTexts)[] = ['title'];
      if (primary?.body) fields.push('body');
      if (primary?.transcript) fields.push('transcript');
      if (primary?.captions) fields.push('captions');
      fieldsOf(lesson.translations, fields);
      for (const question of questionsOf(lesson)) {
        const questionFields: (keyof QuestionTexts)[] = ['prompt'];
        if (question.translations[course.primary_language]?.explanation)
          questionFields.push('explanation');
        fieldsOf(question.translations, questionFields);
        for (const option of question.options ?? [])
          found.push({ get: (language) => [option.translations[language] ?? ''] });
        if (question.accepted_answers) {
          const answers = question.accepted_answers;
          found.push({ get: (language) => [(answers[language] ?? []).join('')] });
        }
      }
    }
  }
  return found;
}

/** Percentage (0-100, rounded down) of the texts written in one language. */
export function completeness(course: PackageCourse, language: string): number {
  const texts = slots(course).flatMap((slot) => slot.get(language));
  if (texts.length === 0) return 100;
  const written = texts.filter((text) => text.trim() !== '').length;
  return Math.floor((written * 100) / texts.length);
}

function withLanguage<T extends object>(translations: Translations<T>, language: string, empty: T) {
  return language in translations ? translations : { ...translations, [language]: { ...empty } };
}

/** Add a course language: every text object gets an empty entry for it, to be translated. */
export function addLanguage(course: PackageCourse, language: PackageLanguage): PackageCourse {
  if (course.languages.includes(language)) return course;
  return {
    ...course,
    languages: [...course.languages, language],
    translations: withLanguage(course.translations, language, {
      title: '',
      summary: '',
      description: '',
    }),
    modules: course.modules.map((module) => ({
      ...module,
      translations: withLanguage(module.translations, language, { title: '' }),
      lessons: module.lessons.map((lesson) =>
        withQuestions(
          {
            ...lesson,
            translations: withLanguage(lesson.translations, language, { title: '', body: '' }),
          },
          (question) => ({
            ...question,
            translations: withLanguage(question.translations, language, { prompt: '' }),
            ...(question.options && {
              options: question.options.map((option) => ({
                ...option,
                translations: { [language]: '', ...option.translations },
              })),
            }),
            ...(question.accepted_answers && {
              accepted_answers: { [language]: [''], ...question.accepted_answers },
            }),
          }),
        ),
      ),
    })),
  };
}

function withoutLanguage<T>(translations: Translations<T>, language: string): Translations<T> {
  return Object.fromEntries(Object.entries(translations).filter(([key]) => key !== language));
}

/** Remove a (non-primary) course language and all its texts. */
export function removeLanguage(course: PackageCourse, language: PackageLanguage): PackageCourse {
  if (language === course.primary_language) return course;
  return {
    ...course,
    languages: course.languages.filter((item) => item !== language),
    translations: withoutLanguage(course.translations, language),
    modules: course.modules.map((module) => ({
      ...module,
      translations: withoutLanguage(module.translations, language),
      lessons: module.lessons.map((lesson) =>
        withQuestions(
          { ...lesson, translations: withoutLanguage(lesson.translations, language) },
          (question) => ({
            ...question,
            translations: withoutLanguage(question.translations, language),
            ...(question.options && {
              options: question.options.map((option) => ({
                ...option,
                translations: withoutLanguage(option.translations, language),
              })),
            }),
            ...(question.accepted_answers && {
              accepted_answers: withoutLanguage(question.accepted_answers, language),
            }),
          }),
        ),
      ),
    })),
  };
}

export type AnswerKeyProblem =
  | 'studio.quiz.needOneCorrect'
  | 'studio.quiz.needSomeCorrect'
  | 'studio.quiz.needTwoOptions'
  | 'studio.quiz.needNumber'
  | 'studio.quiz.needAcceptedAnswer';

/** What a question's answer key lacks, as translation keys for the builder to show inline. */
export function answerKeyProblems(question: QuizQuestion): AnswerKeyProblem[] {
  const problems: AnswerKeyProblem[] = [];
  const correct = (question.options ?? []).filter((option) => option.is_correct).length;
  if (question.kind === 'single_choice' && correct !== 1)
    problems.push('studio.quiz.needOneCorrect');
  if (question.kind === 'multiple_choice' && correct < 1)
    problems.push('studio.quiz.needSomeCorrect');
  if (
    (question.kind === 'single_choice' || question.kind === 'multiple_choice') &&
    (question.options ?? []).length < 2
  )
    problems.push('studio.quiz.needTwoOptions');
  if (
    question.kind === 'numeric' &&
    (typeof question.answer === 'boolean' || !Number.isFinite(Number(question.answer ?? NaN)))
  )
    problems.push('studio.quiz.needNumber');
  if (
    question.kind === 'short_text' &&
    !Object.values(question.accepted_answers ?? {}).some((answers) =>
      answers.some((answer) => answer.trim() !== ''),
    )
  )
    problems.push('studio.quiz.needAcceptedAnswer');
  return problems;
}

/** Lessons in order with their module, for pickers and the review's per-lesson comments. */
export function lessonIndex(course: PackageCourse) {
  return course.modules.flatMap((module, moduleIndex) =>
    module.lessons.map((lesson, lessonIndexInModule) => ({
      moduleIndex,
      lessonIndex: lessonIndexInModule,
      key: lesson.key ?? '',
      title: lesson.translations[course.primary_language]?.title ?? '',
      kind: lesson.kind,
    })),
  );
}
