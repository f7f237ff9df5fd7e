/** The quiz builder: settings, and questions of every kind with their answer keys, checked inline. */
import { useTranslation } from 'react-i18next';

import {
  answerKeyProblems,
  moveItem,
  newKey,
  newQuestion,
  QUESTION_KINDS,
} from '../course-package';
import type { QuestionKind, QuizQuestion, QuizSettings } from '../types';
import { CheckboxInput, NumberInput, SelectInput, TextInput } from './inputs';

import './editor.css';
import './QuizBuilder.css';

interface QuizBuilderProps {
  quiz: QuizSettings;
  /** The language being written (the course's primary language). */
  language: string;
  languages: readonly string[];
  onChange: (quiz: QuizSettings) => void;
}

interface QuestionEditorProps {
  question: QuizQuestion;
  number: number;
  count: number;
  language: string;
  languages: readonly string[];
  onChange: (question: QuizQuestion) => void;
  onRemove: () => void;
  onMove: (offset: number) => void;
}

function QuestionEditor({
  question,
  number,
  count,
  language,
  languages,
  onChange,
  onRemove,
  onMove,
}: QuestionEditorProps) {
  const { t } = useTranslation();
  const texts = question.translations[language] ?? { prompt: '' };
  const problems = answerKeyProblems(question);
  const questionLabel = t('studio.quiz.questionNumber', { number });

  function changeKind(kind: QuestionKind) {
    // The prompt stays; the answer key starts afresh in the shape the new kind needs.
    const fresh = newQuestion(kind, languages);
    onChange({
      ...fresh,
      key: question.key ?? newKey(),
      translations: question.translations,
      points: question.points,
    });
  }

  function setOption(index: number, change: { text?: string; isCorrect?: boolean }) {
    const options = (question.options ?? []).map((option, optionIndex) => {
      if (optionIndex === index)
        return {
          ...option,
          is_correct: change.isCorrect ?? option.is_correct,
          translations:
            change.text === undefined
              ? option.translations
              : { ...option.translations, [language]: change.text },
        };
      // A single-choice question has one correct option: choosing one clears the others.
      if (question.kind === 'single_choice' && change.isCorrect)
        return { ...option, is_correct: false };
      return option;
    });
    onChange({ ...question, options });
  }

  return (
    <fieldset className="question-editor" data-testid="question-editor">
      <legend className="question-editor__legend">{questionLabel}</legend>
      <div className="question-editor__row">
        <SelectInput
          label={t('studio.quiz.kind')}
          value={question.kind}
          options={QUESTION_KINDS.map((kind) => ({
            value: kind,
            label: t(`studio.questionKind.${kind}`),
          }))}
          onChange={changeKind}
        />
        <NumberInput
          label={t('studio.quiz.points')}
          value={Number(question.points)}
          min={0}
          step="any"
          onChange={(points) => {
            onChange({ ...question, points: points ?? 0 });
          }}
        />
      </div>
      <TextInput
        label={t('studio.quiz.prompt')}
        value={texts.prompt ?? ''}
        lang={language}
        isMultiline
        onChange={(prompt) => {
          onChange({
            ...question,
            translations: { ...question.translations, [language]: { ...texts, prompt } },
          });
        }}
      />
      {(question.kind === 'single_choice' || question.kind === 'multiple_choice') && (
        <div className="stack stack--small">
          <p className="question-editor__subtitle" id={`${question.key ?? number}-options`}>
            {question.kind === 'single_choice'
              ? t('studio.quiz.optionsSingle')
              : t('studio.quiz.optionsMultiple')}
          </p>
          <ul className="option-list" aria-labelledby={`${question.key ?? number}-options`}>
            {(question.options ?? []).map((option, index) => {
              const optionLabel = t('studio.quiz.optionNumber', { number: index + 1 });
              return (
                <li key={option.key ?? index} className="option-row">
                  <input
                    type={question.kind === 'single_choice' ? 'radio' : 'checkbox'}
                    name={`correct-${question.key ?? String(number)}`}
                    checked={option.is_correct}
                    aria-label={t('studio.quiz.markCorrect', { option: optionLabel })}
                    onChange={(event) => {
                      setOption(index, { isCorrect: event.target.checked });
                    }}
                  />
                  <input
                    className="field__control"
                    aria-label={optionLabel}
                    lang={language}
                    dir="auto"
                    value={option.translations[language] ?? ''}
                    onChange={(event) => {
                      setOption(index, { text: event.target.value });
                    }}
                  />
                  <button
                    type="button"
                    className="button button--small"
                    disabled={(question.options ?? []).length <= 2}
                    onClick={() => {
                      onChange({
                        ...question,
                        options: (question.options ?? []).filter(
                          (_, optionIndex) => optionIndex !== index,
                        ),
                      });
                    }}
                  >
                    {t('studio.remove')}
                    <span className="visually-hidden"> {optionLabel}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              onChange({
                ...question,
                options: [
                  ...(question.options ?? []),
                  {
                    key: newKey(),
                    is_correct: false,
                    translations: Object.fromEntries(languages.map((code) => [code, ''])),
                  },
                ],
              });
            }}
          >
            {t('studio.quiz.addOption')}
            <span className="visually-hidden"> ({questionLabel})</span>
          </button>
        </div>
      )}
      {question.kind === 'true_false' && (
        <fieldset className="inline-choices">
          <legend>{t('studio.quiz.correctAnswer')}</legend>
          {[true, false].map((value) => (
            <label key={String(value)} className="choice">
              <input
                type="radio"
                name={`answer-${question.key ?? String(number)}`}
                checked={question.answer === value}
                onChange={() => {
                  onChange({ ...question, answer: value });
                }}
              />
              {value ? t('studio.quiz.true') : t('studio.quiz.false')}
            </label>
          ))}
        </fieldset>
      )}
      {question.kind === 'numeric' && (
        <div className="question-editor__row">
          <NumberInput
            label={t('studio.quiz.numericAnswer')}
            value={Number(question.answer ?? 0)}
            step="any"
            onChange={(answer) => {
              onChange({ ...question, answer: answer ?? 0 });
            }}
          />
          <NumberInput
            label={t('studio.quiz.tolerance')}
            value={Number(question.tolerance ?? 0)}
            min={0}
            step="any"
            onChange={(tolerance) => {
              onChange({ ...question, tolerance: tolerance ?? 0 });
            }}
          />
        </div>
      )}
      {question.kind === 'short_text' && (
        <TextInput
          label={t('studio.quiz.acceptedAnswers')}
          hint={t('studio.quiz.acceptedAnswersHint')}
          isMultiline
          lang={language}
          value={(question.accepted_answers?.[language] ?? []).join('\n')}
          onChange={(text) => {
            onChange({
              ...question,
              accepted_answers: { ...question.accepted_answers, [language]: text.split('\n') },
            });
          }}
        />
      )}
      <TextInput
        label={t('studio.quiz.explanation')}
        hint={t('studio.quiz.explanationHint')}
        value={texts.explanation ?? ''}
        lang={language}
        isMultiline
        rows={2}
        onChange={(explanation) => {
          onChange({
            ...question,
            translations: { ...question.translations, [language]: { ...texts, explanation } },
          });
        }}
      />
      {problems.length > 0 && (
        <ul className="inline-problems" role="status" data-testid="answer-key-problems">
          {problems.map((problem) => (
            <li key={problem}>{t(problem)}</li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button--small"
          disabled={number === 1}
          onClick={() => {
            onMove(-1);
          }}
        >
          {t('studio.moveUp')}
          <span className="visually-hidden"> {questionLabel}</span>
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={number === count}
          onClick={() => {
            onMove(1);
          }}
        >
          {t('studio.moveDown')}
          <span className="visually-hidden"> {questionLabel}</span>
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          disabled={count <= 1}
          onClick={onRemove}
        >
          {t('studio.quiz.removeQuestion', { number })}
        </button>
      </div>
    </fieldset>
  );
}

export function QuizBuilder({ quiz, language, languages, onChange }: QuizBuilderProps) {
  const { t } = useTranslation();
  const setQuestions = (questions: QuizQuestion[]) => {
    onChange({ ...quiz, questions });
  };
  return (
    <div className="quiz-builder stack" data-testid="quiz-builder">
      <fieldset className="quiz-builder__settings">
        <legend>{t('studio.quiz.settings')}</legend>
        <div className="question-editor__row">
          <NumberInput
            label={t('studio.quiz.passMark')}
            value={quiz.pass_mark}
            min={0}
            max={100}
            onChange={(value) => {
              onChange({ ...quiz, pass_mark: value ?? 0 });
            }}
          />
          <NumberInput
            label={t('studio.quiz.attempts')}
            value={quiz.attempts_allowed ?? 3}
            min={1}
            onChange={(value) => {
              onChange({ ...quiz, attempts_allowed: value ?? 1 });
            }}
          />
          <NumberInput
            label={t('studio.quiz.timeLimit')}
            value={quiz.time_limit_minutes ?? null}
            min={1}
            isNullable
            hint={t('studio.quiz.timeLimitHint')}
            onChange={(value) => {
              onChange({ ...quiz, time_limit_minutes: value });
            }}
          />
          <NumberInput
            label={t('studio.quiz.weight')}
            value={Number(quiz.weight)}
            min={0}
            step="any"
            onChange={(value) => {
              onChange({ ...quiz, weight: value ?? 0 });
            }}
          />
          <SelectInput
            label={t('studio.quiz.grading')}
            value={quiz.grading}
            options={[
              { value: 'best', label: t('studio.quiz.gradingBest') },
              { value: 'last', label: t('studio.quiz.gradingLast') },
            ]}
            onChange={(grading) => {
              onChange({ ...quiz, grading });
            }}
          />
          <SelectInput
            label={t('studio.quiz.revealAnswers')}
            value={quiz.reveal_answers}
            options={[
              { value: 'after_pass', label: t('studio.quiz.revealAfterPass') },
              { value: 'after_last_attempt', label: t('studio.quiz.revealAfterLastAttempt') },
              { value: 'never', label: t('studio.quiz.revealNever') },
            ]}
            onChange={(reveal_answers) => {
              onChange({ ...quiz, reveal_answers });
            }}
          />
        </div>
        <CheckboxInput
          label={t('studio.quiz.shuffle')}
          checked={quiz.shuffle_questions}
          onChange={(shuffle_questions) => {
            onChange({ ...quiz, shuffle_questions });
          }}
        />
      </fieldset>
      <ol className="question-list">
        {quiz.questions.map((question, index) => (
          <li key={question.key ?? index}>
            <QuestionEditor
              question={question}
              number={index + 1}
              count={quiz.questions.length}
              language={language}
              languages={languages}
              onChange={(changed) => {
                setQuestions(
                  quiz.questions.map((item, itemIndex) => (itemIndex === index ? changed : item)),
                );
              }}
              onRemove={() => {
                setQuestions(quiz.questions.filter((_, itemIndex) => itemIndex !== index));
              }}
              onMove={(offset) => {
                setQuestions(moveItem(quiz.questions, index, index + offset));
              }}
            />
          </li>
        ))}
      </ol>
      <div className="button-row">
        {QUESTION_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="button button--small"
            onClick={() => {
              setQuestions([...quiz.questions, newQuestion(kind, languages)]);
            }}
          >
            {t('studio.quiz.add', { kind: t(`studio.questionKind.${kind}`) })}
          </button>
        ))}
      </div>
    </div>
  );
}
