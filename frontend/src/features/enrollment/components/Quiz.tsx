/** A quiz: every question kind, the attempt counter, a timer when set, and the graded result. */
import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import type { ContentLanguage } from '@/lib/content-language';
import { formatClock, formatDecimal, formatList, formatNumber, formatPercent } from '@/lib/format';
import type { Language } from '@/lib/languages';
import { useLanguage } from '@/lib/use-language';

import { toAnswers, type Draft } from '../quiz-answers';
import type {
  EventResult,
  LessonQuestion,
  LessonQuiz,
  QuestionFeedback,
  QuizAnswer,
} from '../types';

const SECONDS_PER_MINUTE = 60;

function isFeedback(value: unknown): value is QuestionFeedback {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { question?: unknown }).question === 'string' &&
    typeof (value as { correct?: unknown }).correct === 'boolean'
  );
}

function QuestionField({
  question,
  number,
  value,
  isInvalid,
  disabled,
  contentLanguage,
  onChange,
}: {
  question: LessonQuestion;
  number: number;
  value: string | string[] | undefined;
  isInvalid: boolean;
  disabled: boolean;
  contentLanguage: ContentLanguage;
  onChange: (value: string | string[]) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const legend = (
    <legend className="question__prompt">
      <span className="question__number">
        {t('quiz.questionNumber', { number: formatNumber(number, language) })}
      </span>{' '}
      <span {...contentLanguage}>{question.prompt}</span>{' '}
      <span className="question__points muted">
        (
        {t('quiz.points', {
          count: Number(question.points),
          formattedCount: formatNumber(Number(question.points), language),
        })}
        )
      </span>
    </legend>
  );

  if (question.kind === 'single_choice' || question.kind === 'true_false') {
    const options =
      question.kind === 'true_false'
        ? [
            { key: 'true', text: t('quiz.true') },
            { key: 'false', text: t('quiz.false') },
          ]
        : question.options;
    return (
      <fieldset className="question" disabled={disabled}>
        {legend}
        <div className="question__options">
          {options.map((option) => (
            <label key={option.key} className="choice">
              <input
                type="radio"
                name={id}
                value={option.key}
                checked={value === option.key}
                onChange={() => {
                  onChange(option.key);
                }}
              />
              <span {...(question.kind === 'true_false' ? {} : contentLanguage)}>
                {option.text}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  if (question.kind === 'multiple_choice') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="question" disabled={disabled}>
        {legend}
        <p className="muted question__hint">{t('quiz.chooseAll')}</p>
        <div className="question__options">
          {question.options.map((option) => (
            <label key={option.key} className="choice">
              <input
                type="checkbox"
                name={id}
                value={option.key}
                checked={chosen.includes(option.key)}
                onChange={(event) => {
                  onChange(
                    event.target.checked
                      ? [...chosen, option.key]
                      : chosen.filter((key) => key !== option.key),
                  );
                }}
              />
              <span {...contentLanguage}>{option.text}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  const isNumeric = question.kind === 'numeric';
  const errorId = `${id}-error`;
  return (
    <fieldset className="question" disabled={disabled}>
      {legend}
      <label className="field__label" htmlFor={id}>
        {isNumeric ? t('quiz.numberAnswer') : t('quiz.textAnswer')}
      </label>
      <input
        id={id}
        className="field__control question__input"
        type="text"
        inputMode={isNumeric ? 'decimal' : 'text'}
        autoComplete="off"
        maxLength={500}
        value={typeof value === 'string' ? value : ''}
        aria-invalid={isInvalid || undefined}
        aria-describedby={isInvalid ? errorId : undefined}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
      {isInvalid && (
        <p className="field__errors" id={errorId}>
          {t('quiz.notANumber')}
        </p>
      )}
    </fieldset>
  );
}

/**
 * An answer as the learner gave it or the grader expects it: numbers in the UI language's style,
 * chosen options (the course's texts) listed as the course language lists them.
 */
function describeAnswer(
  question: LessonQuestion,
  answer: unknown,
  t: (key: 'quiz.true' | 'quiz.false') => string,
  { language, contentLanguage }: { language: Language; contentLanguage: ContentLanguage },
): string {
  const optionText = (key: unknown) =>
    question.options.find((option) => option.key === key)?.text ?? String(key);
  if (Array.isArray(answer)) return formatList(answer.map(optionText), contentLanguage.lang);
  if (typeof answer === 'boolean') return answer ? t('quiz.true') : t('quiz.false');
  if (question.kind === 'single_choice') return optionText(answer);
  // The grader sends numbers as decimals ("1120.000000"): show 1,120 / 1.120 as the UI writes it.
  if (question.kind === 'numeric' && (typeof answer === 'number' || typeof answer === 'string'))
    return formatDecimal(answer, language);
  return String(answer);
}

export function QuizResult({
  result,
  questions,
  submitted,
  contentLanguage,
}: {
  result: EventResult;
  questions: readonly LessonQuestion[];
  submitted: Record<string, QuizAnswer>;
  contentLanguage: ContentLanguage;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const feedback = (result.feedback ?? []).flatMap((item) => (isFeedback(item) ? [item] : []));
  const score = Number(result.score ?? 0);
  return (
    <section
      className={
        result.passed ? 'quiz-result quiz-result--passed' : 'quiz-result quiz-result--failed'
      }
      aria-labelledby="quiz-result-title"
    >
      <h3 id="quiz-result-title">{result.passed ? t('quiz.passed') : t('quiz.failed')}</h3>
      <p className="quiz-result__score">
        {t('quiz.score', {
          score: formatPercent(score, language, { maximumFractionDigits: 2 }),
          points: formatNumber(Number(result.points ?? 0), language),
          maxPoints: formatNumber(Number(result.max_points ?? 0), language),
        })}
      </p>
      <ol className="feedback">
        {feedback.map((item) => {
          const question = questions.find((candidate) => candidate.key === item.question);
          if (!question) return null;
          const given = submitted[item.question];
          return (
            <li
              key={item.question}
              className={
                item.correct
                  ? 'feedback__item feedback__item--correct'
                  : 'feedback__item feedback__item--wrong'
              }
            >
              <p className="feedback__verdict">
                <span aria-hidden="true">{item.correct ? '✓' : '✗'}</span>{' '}
                {item.correct ? t('quiz.correct') : t('quiz.incorrect')}
              </p>
              <p className="feedback__prompt" {...contentLanguage}>
                {question.prompt}
              </p>
              <p className="feedback__answer">
                {t('quiz.yourAnswer')}{' '}
                <span {...contentLanguage}>
                  {given === undefined
                    ? t('quiz.noAnswer')
                    : describeAnswer(question, given, t, { language, contentLanguage })}
                </span>
              </p>
              {!item.correct &&
                item.correct_answer !== undefined &&
                item.correct_answer !== null && (
                  <p className="feedback__answer">
                    {t('quiz.correctAnswer')}{' '}
                    <span {...contentLanguage}>
                      {describeAnswer(question, item.correct_answer, t, {
                        language,
                        contentLanguage,
                      })}
                    </span>
                  </p>
                )}
              {item.explanation && (
                <p className="feedback__explanation muted" {...contentLanguage}>
                  {item.explanation}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function Quiz({
  quiz,
  contentLanguage,
  submit,
  startedAt,
}: {
  quiz: LessonQuiz;
  contentLanguage: ContentLanguage;
  /** Grade the answers on the server (one attempt). */
  submit: (answers: Record<string, QuizAnswer>) => Promise<EventResult>;
  /** When the quiz was opened (the timer counts from here); defaults to the first render. */
  startedAt?: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [draft, setDraft] = useState<Draft>({});
  const [invalid, setInvalid] = useState<string[]>([]);
  const [result, setResult] = useState<EventResult | null>(null);
  const [submitted, setSubmitted] = useState<Record<string, QuizAnswer>>({});
  const [error, setError] = useState<unknown>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [attemptStart, setAttemptStart] = useState(() => startedAt ?? Date.now());
  const [now, setNow] = useState(() => Date.now());
  const resultRef = useRef<HTMLDivElement>(null);

  const limitSeconds =
    quiz.time_limit_minutes === null ? null : quiz.time_limit_minutes * SECONDS_PER_MINUTE;
  const secondsLeft =
    limitSeconds === null
      ? null
      : Math.max(0, limitSeconds - Math.floor((now - attemptStart) / 1000));
  const isAnswering = result === null;

  const send = useCallback(
    async (answers: Record<string, QuizAnswer>) => {
      setIsSubmitting(true);
      setError(null);
      try {
        const graded = await submit(answers);
        setSubmitted(answers);
        setResult(graded);
      } catch (failure) {
        setError(failure);
      } finally {
        setIsSubmitting(false);
      }
    },
    [submit],
  );

  useEffect(() => {
    if (limitSeconds === null || !isAnswering) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      window.clearInterval(timer);
    };
  }, [limitSeconds, isAnswering]);

  // Time is up: hand in what there is (the server allows a minute's grace for the network).
  const hasAutoSubmitted = useRef(false);
  useEffect(() => {
    if (secondsLeft !== 0 || !isAnswering || hasAutoSubmitted.current) return;
    hasAutoSubmitted.current = true;
    void send(toAnswers(quiz.questions, draft).answers);
  }, [secondsLeft, isAnswering, send, quiz.questions, draft]);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const { answers, invalid: invalidKeys } = toAnswers(quiz.questions, draft);
    setInvalid(invalidKeys);
    if (invalidKeys.length > 0) return;
    void send(answers);
  };

  const attemptsLeft = result?.attempts_left;
  const canRetry = result !== null && !result.passed && attemptsLeft !== 0;

  return (
    <div className="quiz">
      <dl className="quiz__facts">
        <div>
          <dt>{t('quiz.passMark')}</dt>
          <dd>{formatPercent(quiz.pass_mark, language)}</dd>
        </div>
        <div>
          <dt>{t('quiz.attempts')}</dt>
          <dd data-testid="attempt-counter">
            {result?.attempt !== undefined
              ? quiz.attempts_allowed === null
                ? t('quiz.attemptUnlimited', { attempt: formatNumber(result.attempt, language) })
                : t('quiz.attemptOf', {
                    attempt: formatNumber(result.attempt, language),
                    allowed: formatNumber(quiz.attempts_allowed, language),
                  })
              : quiz.attempts_allowed === null
                ? t('quiz.attemptsUnlimited')
                : t('quiz.attemptsAllowed', {
                    count: quiz.attempts_allowed,
                    formattedCount: formatNumber(quiz.attempts_allowed, language),
                  })}
          </dd>
        </div>
        {limitSeconds !== null && (
          <div>
            <dt>{t('quiz.timeLeft')}</dt>
            <dd
              role="timer"
              aria-live={secondsLeft !== null && secondsLeft <= 60 ? 'polite' : 'off'}
            >
              {isAnswering && secondsLeft !== null
                ? formatClock(secondsLeft, language)
                : t('quiz.timeLimit', {
                    count: quiz.time_limit_minutes ?? 0,
                    formattedCount: formatNumber(quiz.time_limit_minutes ?? 0, language),
                  })}
            </dd>
          </div>
        )}
      </dl>

      {isAnswering ? (
        <form className="quiz__form stack" onSubmit={onSubmit} noValidate>
          {quiz.questions.map((question, index) => (
            <QuestionField
              key={question.key}
              question={question}
              number={index + 1}
              value={draft[question.key]}
              isInvalid={invalid.includes(question.key)}
              disabled={isSubmitting}
              contentLanguage={contentLanguage}
              onChange={(value) => {
                setDraft((current) => ({ ...current, [question.key]: value }));
              }}
            />
          ))}
          <ErrorBanner error={error} />
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={isSubmitting}>
              {isSubmitting ? t('quiz.submitting') : t('quiz.submit')}
            </button>
          </div>
        </form>
      ) : (
        <div className="stack" ref={resultRef} tabIndex={-1}>
          <QuizResult
            result={result}
            questions={quiz.questions}
            submitted={submitted}
            contentLanguage={contentLanguage}
          />
          {attemptsLeft !== undefined && attemptsLeft !== null && (
            <p className="muted">
              {t('quiz.attemptsLeft', {
                count: attemptsLeft,
                formattedCount: formatNumber(attemptsLeft, language),
              })}
            </p>
          )}
          {canRetry && (
            <div className="button-row">
              <button
                type="button"
                className="button button--primary"
                onClick={() => {
                  setResult(null);
                  setDraft({});
                  setInvalid([]);
                  hasAutoSubmitted.current = false;
                  setAttemptStart(Date.now());
                  setNow(Date.now());
                }}
              >
                {t('quiz.tryAgain')}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
