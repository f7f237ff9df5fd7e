/** Who may open a lesson before enrolling (a preview), and what completes a video lesson. */
import { useTranslation } from 'react-i18next';

import type { PackageLesson } from '../course-package';
import { CheckboxInput, NumberInput, SelectInput } from './inputs';

/** The server's default share (courses.packages.DEFAULT_VIDEO_WATCHED_PERCENT). */
const DEFAULT_WATCHED_PERCENT = 90;
/** Quizzes and resource files stay for enrolled learners (courses.packages.PREVIEW_KINDS). */
const PREVIEW_KINDS = new Set(['text', 'video']);

export function LessonAccessSettings({
  lesson,
  onChange,
}: {
  lesson: PackageLesson;
  onChange: (lesson: PackageLesson) => void;
}) {
  const { t } = useTranslation();
  if (!PREVIEW_KINDS.has(lesson.kind)) return null;
  const completion = lesson.video_completion ?? 'watched_or_transcript';
  return (
    <div className="stack stack--small">
      <CheckboxInput
        label={t('studio.isPreview')}
        checked={lesson.is_preview ?? false}
        onChange={(is_preview) => {
          onChange({ ...lesson, is_preview });
        }}
      />
      {lesson.kind === 'video' && (
        <div className="question-editor__row">
          <SelectInput
            label={t('studio.videoCompletion')}
            value={completion}
            options={[
              {
                value: 'watched_or_transcript',
                label: t('studio.videoCompletionWatchedOrTranscript'),
              },
              { value: 'watched', label: t('studio.videoCompletionWatched') },
            ]}
            onChange={(video_completion) => {
              onChange({ ...lesson, video_completion });
            }}
          />
          <NumberInput
            label={t('studio.videoWatchedPercent')}
            value={lesson.video_watched_percent ?? DEFAULT_WATCHED_PERCENT}
            min={1}
            max={100}
            hint={
              completion === 'watched_or_transcript' ? t('studio.videoCompletionHint') : undefined
            }
            onChange={(value) => {
              onChange({ ...lesson, video_watched_percent: value ?? DEFAULT_WATCHED_PERCENT });
            }}
          />
        </div>
      )}
    </div>
  );
}
