/**
 * A SCORM / cmi5 package lesson: the attempt's status and what is still missing, Start or Resume,
 * and the package in a sandboxed frame from the content origin, whose "data stored" messages
 * refresh the lesson and the course's progress.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { isApiError } from '@/lib/api-error';
import { formatPercent } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';
import { PLAYER_MESSAGE_TYPE, type PlayerMessage } from '@/package-runtime/protocol';

import { ENROLLMENT_STATE_QUERY_KEY } from '../api/get-enrollment-state';
import { PROGRESS_QUERY_KEY } from '../api/get-progress';
import { useLaunchPackage } from '../api/launch-package';
import { ENROLLMENTS_QUERY_KEY } from '../api/list-enrollments';
import type { LessonPackage, PackageAttempt, PackageLaunch } from '../types';

import './PackageLesson.css';

/** Exactly what the content may do in its frame (the contract with the backend's CSP). */
export const PACKAGE_SANDBOX =
  'allow-scripts allow-same-origin allow-forms allow-popups allow-modals';
const NOT_READY_STATUS = 409;
// How often an open cmi5 lesson asks for its status again (its AU tells the LRS, not this page).
const CMI5_REFRESH_MS = 10_000;

/** The status words SCORM and cmi5 use, as translation keys ("not attempted" has a space). */
const STATUS_KEYS = {
  completed: 'packageLesson.status.completed',
  incomplete: 'packageLesson.status.incomplete',
  'not attempted': 'packageLesson.status.notAttempted',
  not_attempted: 'packageLesson.status.notAttempted',
  browsed: 'packageLesson.status.browsed',
  passed: 'packageLesson.status.passed',
  failed: 'packageLesson.status.failed',
  unknown: 'packageLesson.status.unknown',
} as const;

function isPlayerMessage(data: unknown): data is PlayerMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === PLAYER_MESSAGE_TYPE
  );
}

/** What keeps the attempt from counting, in words: nothing once it is complete. */
function useMissing(attempt: PackageAttempt | null, mastery: number | null): string[] {
  const { t } = useTranslation();
  const language = useLanguage();
  if (attempt?.is_complete) return [];
  const percent = (value: number) => formatPercent(value, language, { maximumFractionDigits: 2 });
  const missing: string[] = [];
  const completion = attempt?.completion_status ?? 'not attempted';
  const score = attempt?.score ?? null;
  // SCORM 1.2 has one status: "passed" and "failed" say it was worked through.
  if (!['completed', 'passed', 'failed'].includes(completion))
    missing.push(t('packageLesson.missingCompletion'));
  if (attempt?.success_status === 'failed' || completion === 'failed') {
    missing.push(
      score !== null && mastery !== null
        ? t('packageLesson.missingScore', {
            score: percent(score),
            mastery: percent(mastery),
          })
        : t('packageLesson.missingPass'),
    );
  } else if (mastery !== null && attempt?.success_status !== 'passed' && completion !== 'passed') {
    missing.push(t('packageLesson.missingMastery', { mastery: percent(mastery) }));
  }
  return missing;
}

function AttemptStatus({
  attempt,
  mastery,
}: {
  attempt: PackageAttempt | null;
  mastery: number | null;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const missing = useMissing(attempt, mastery);
  const statusText = (value: string) =>
    value in STATUS_KEYS ? t(STATUS_KEYS[value as keyof typeof STATUS_KEYS]) : value;
  const percent = (value: number) => formatPercent(value, language, { maximumFractionDigits: 2 });
  return (
    <div className="package-lesson__status stack stack--small" data-testid="package-status">
      {attempt === null ? (
        <p>{t('packageLesson.notStarted')}</p>
      ) : (
        <dl className="package-lesson__facts">
          <dt>{t('packageLesson.completion')}</dt>
          <dd>{statusText(attempt.completion_status)}</dd>
          <dt>{t('packageLesson.success')}</dt>
          <dd>{statusText(attempt.success_status)}</dd>
          <dt>{t('packageLesson.score')}</dt>
          <dd>
            {attempt.score === null ? t('packageLesson.noScore') : percent(attempt.score)}
            {mastery !== null && ` (${t('packageLesson.mastery', { mastery: percent(mastery) })})`}
          </dd>
        </dl>
      )}
      {attempt?.is_complete ? (
        <p className="done-note">
          <span aria-hidden="true">✓ </span>
          {t('packageLesson.done')}
        </p>
      ) : (
        <>
          <p className="package-lesson__missing-heading">{t('packageLesson.missingHeading')}</p>
          <ul>
            {missing.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function PackageLesson({
  enrollmentId,
  lessonKey,
  title,
  lessonPackage,
  attempt,
}: {
  enrollmentId: number;
  lessonKey: string;
  title: string;
  lessonPackage: LessonPackage | null;
  attempt: PackageAttempt | null;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const launch = useLaunchPackage();
  const [session, setSession] = useState<PackageLaunch | null>(null);
  const [notice, setNotice] = useState('');
  const [isFullScreen, setIsFullScreen] = useState(false);
  const stage = useRef<HTMLDivElement>(null);

  // The lesson, the progress and the enrolment cards, after the package stored something.
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: [...PROGRESS_QUERY_KEY, enrollmentId] });
    void queryClient.invalidateQueries({
      queryKey: ['enrollment', 'lesson', enrollmentId, lessonKey],
    });
    void queryClient.invalidateQueries({ queryKey: ENROLLMENTS_QUERY_KEY });
    void queryClient.invalidateQueries({ queryKey: ENROLLMENT_STATE_QUERY_KEY });
  }, [queryClient, enrollmentId, lessonKey]);

  // Only the content origin of this launch speaks for the package; anything else is ignored.
  useEffect(() => {
    if (!session) return;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== session.content_origin || !isPlayerMessage(event.data)) return;
      setNotice(
        event.data.event === 'terminated' ? t('packageLesson.finished') : t('packageLesson.saved'),
      );
      refresh();
    };
    window.addEventListener('message', onMessage);
    return () => {
      window.removeEventListener('message', onMessage);
    };
  }, [session, refresh, t]);

  // A cmi5 AU reports to the LRS, not to this page: while one is open, ask again now and then.
  useEffect(() => {
    if (session?.standard !== 'cmi5') return;
    const timer = window.setInterval(refresh, CMI5_REFRESH_MS);
    return () => {
      window.clearInterval(timer);
    };
  }, [session, refresh]);

  useEffect(() => {
    const onChange = () => {
      setIsFullScreen(document.fullscreenElement === stage.current && stage.current !== null);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
    };
  }, []);

  const toggleFullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void stage.current?.requestFullscreen();
  };

  const mastery = lessonPackage?.mastery_score ?? null;
  const notReady =
    isApiError(launch.error) && launch.error.status === NOT_READY_STATUS ? launch.error : null;
  return (
    <section className="card package-lesson stack" aria-labelledby="package-lesson-title">
      <h2 id="package-lesson-title">{t('packageLesson.heading')}</h2>
      <AttemptStatus attempt={attempt} mastery={mastery} />
      {session ? (
        <div className="package-lesson__stage stack stack--small" ref={stage}>
          <div className="button-row">
            <button type="button" className="button" onClick={toggleFullScreen}>
              {isFullScreen ? t('packageLesson.exitFullScreen') : t('packageLesson.fullScreen')}
            </button>
          </div>
          <iframe
            className="package-lesson__frame"
            title={t('packageLesson.frameTitle', { title })}
            src={session.launch_url}
            sandbox={PACKAGE_SANDBOX}
            allow="fullscreen"
          />
        </div>
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            disabled={launch.isPending}
            onClick={() => {
              setNotice('');
              launch.mutate(
                { enrollmentId, lessonKey },
                {
                  onSuccess: (launched) => {
                    setSession(launched);
                    refresh();
                  },
                },
              );
            }}
          >
            {launch.isPending
              ? t('packageLesson.opening')
              : attempt
                ? t('packageLesson.resume')
                : t('packageLesson.start')}
          </button>
        </div>
      )}
      <p className="muted" role="status" aria-live="polite">
        {notice}
      </p>
      {notReady ? (
        <div className="banner banner--warning" role="alert">
          <p className="banner__message">{t('packageLesson.notReady')}</p>
          {notReady.detail && <p>{notReady.detail}</p>}
        </div>
      ) : (
        launch.error !== null && <ErrorBanner error={launch.error} />
      )}
    </section>
  );
}
