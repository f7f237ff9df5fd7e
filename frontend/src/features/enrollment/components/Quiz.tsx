/** A quiz: every question kind, the attempt counter, a timer when set, and the graded result. */
import { useMutation } from '@tanstack/react-query';
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
  QuizAttempt,
} from '../types';

import './Quiz.css';

const MILLISECONDS_PER_SECOND = 1000;

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

/** "Submit with questions unanswered?", as an alert dialog in the flow of the form: focus moves to
 * it (on the harmless choice), and a screen reader announces the question and which ones are open. */
function UnansweredConfirmation({
  numbers,
  total,
  onSubmitAnyway,
  onKeepAnswering,
}: {
  numbers: readonly number[];
  total: number;
  onSubmitAnyway: () => void;
  onKeepAnswering: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const keepAnsweringRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    keepAnsweringRef.current?.focus();
  }, []);
  const list = new Intl.ListFormat(language, { type: 'conjunction' }).format(
    numbers.map((number) => formatNumber(number, language)),
  );
  return (
    <div
      className="banner banner--warning stack stack--small"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
    >
      <p className="banner__message" id={`${id}-title`}>
        <strong>{t('quiz.unansweredTitle')}</strong>
      </p>
      <p className="banner__message" id={`${id}-body`}>
        {t('quiz.unansweredBody', {
          count: numbers.length,
          formattedCount: formatNumber(numbers.length, language),
          total: formatNumber(total, language),
          questions: list,
        })}
      </p>
      <div className="button-row">
        <button type="button" className="button" ref={keepAnsweringRef} onClick={onKeepAnswering}>
          {t('quiz.keepAnswering')}
        </button>
        <button type="button" className="button button--primary" onClick={onSubmitAnyway}>
          {t('quiz.submitAnyway')}
        </button>
      </div>
    </div>
  );
}

export function Quiz({
  quiz,
  contentLanguage,
  start,
  submit,
  isAttemptRunning = false,
}: {
  quiz: LessonQuiz;
  contentLanguage: ContentLanguage;
  /** Start an attempt on the server (which times it), or resume the one running. */
  start: () => Promise<QuizAttempt>;
  /** Grade the answers on the server (one attempt). */
  submit: (answers: Record<string, QuizAnswer>) => Promise<EventResult>;
  /** The server has an attempt running (the page was reloaded mid-attempt): resume it. */
  isAttemptRunning?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [draft, setDraft] = useState<Draft>({});
  const [invalid, setInvalid] = useState<string[]>([]);
  const [attempt, setAttempt] = useState<QuizAttempt | null>(null);
  // When the attempt ends by this browser's clock: the server's seconds left, counted from here.
  const [deadline, setDeadline] = useState<number | null>(null);
  const [result, setResult] = useState<EventResult | null>(null);
  const [submitted, setSubmitted] = useState<Record<string, QuizAnswer>>({});
  const [error, setError] = useState<unknown>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  /** Numbers of the questions without an answer, while the learner is asked to confirm. */
  const [unanswered, setUnanswered] = useState<number[] | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const resultRef = useRef<HTMLDivElement>(null);
  const hasRequestedStart = useRef(false);

  const isTimed = quiz.time_limit_minutes !== null;
  const secondsLeft =
    deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / MILLISECONDS_PER_SECOND));
  const isAnswering = attempt !== null && result === null;

  const attemptStart = useMutation({
    mutationFn: start,
    onSuccess: (started) => {
      // One reading of the clock: a millisecond passing between two readings showed 42 seconds
      // left as 0:43 (the count rounds up).
      const answeredAt = Date.now();
      setAttempt(started);
      setNow(answeredAt);
      setDeadline(
        started.seconds_left === null
          ? null
          : answeredAt + started.seconds_left * MILLISECONDS_PER_SECOND,
      );
    },
  });
  const { mutate: requestStart } = attemptStart;
  const begin = useCallback(() => {
    hasRequestedStart.current = true;
    requestStart();
  }, [requestStart]);

  // An untimed quiz (or an attempt already running) needs no click to begin; a timed one waits
  // for the learner to start the clock.
  useEffect(() => {
    if (attempt !== null || result !== null || hasRequestedStart.current) return;
    if (!isTimed || isAttemptRunning) begin();
  }, [attempt, result, isTimed, isAttemptRunning, begin]);

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
    if (deadline === null || !isAnswering) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, MILLISECONDS_PER_SECOND);
    return () => {
      window.clearInterval(timer);
    };
  }, [deadline, isAnswering]);

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
    // An unanswered question scores 0 and the attempt counts: ask before handing it in.
    const numbers = quiz.questions.flatMap((question, index) =>
      question.key in answers ? [] : [index + 1],
    );
    if (numbers.length > 0) {
      setUnanswered(numbers);
      return;
    }
    void send(answers);
  };

  const submitAnyway = () => {
    setUnanswered(null);
    void send(toAnswers(quiz.questions, draft).answers);
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
        {isTimed && (
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

      {attempt === null && result === null && (
        <div className="stack">
          {isTimed && !isAttemptRunning && (
            <p>
              {t('quiz.timedIntro', {
                count: quiz.time_limit_minutes ?? 0,
                formattedCount: formatNumber(quiz.time_limit_minutes ?? 0, language),
              })}
            </p>
          )}
          <ErrorBanner error={attemptStart.error} />
          {(isTimed || attemptStart.isError) && (
            <div className="button-row">
              <button
                type="button"
                className="button button--primary"
                disabled={attemptStart.isPending}
                onClick={begin}
              >
                {attemptStart.isPending ? t('quiz.starting') : t('quiz.start')}
              </button>
            </div>
          )}
          {!isTimed && attemptStart.isPending && <p className="muted">{t('quiz.starting')}</p>}
        </div>
      )}
      {isAnswering && (
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
                // The question asked about may be answered now: the learner submits again.
                setUnanswered(null);
                setDraft((current) => ({ ...current, [question.key]: value }));
              }}
            />
          ))}
          <ErrorBanner error={error} />
          {unanswered === null ? (
            <div className="button-row">
              <button type="submit" className="button button--primary" disabled={isSubmitting}>
                {isSubmitting ? t('quiz.submitting') : t('quiz.submit')}
              </button>
            </div>
          ) : (
            <UnansweredConfirmation
              numbers={unanswered}
              total={quiz.questions.length}
              onSubmitAnyway={submitAnyway}
              onKeepAnswering={() => {
                setUnanswered(null);
              }}
            />
          )}
        </form>
      )}
      {result !== null && (
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
                  // The next attempt is started on the server like the first (timed: by a click).
                  setResult(null);
                  setAttempt(null);
                  setDeadline(null);
                  setDraft({});
                  setInvalid([]);
                  hasAutoSubmitted.current = false;
                  hasRequestedStart.current = false;
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
