/** Who may open a lesson before enrolling (a preview), and what completes a video lesson. */
import { useTranslation } from 'react-i18next';

import { DEFAULT_VIDEO_WATCHED_PERCENT } from '../course-package';
import type { PackageLesson } from '../types';
import { CheckboxInput, NumberInput, SelectInput } from './inputs';

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
  return (
    <div className="stack stack--small">
      <CheckboxInput
        label={t('studio.isPreview')}
        checked={lesson.is_preview}
        onChange={(is_preview) => {
          onChange({ ...lesson, is_preview });
        }}
      />
      {lesson.kind === 'video' && (
        <div className="question-editor__row">
          <SelectInput
            label={t('studio.videoCompletion')}
            value={lesson.video_completion}
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
            value={lesson.video_watched_percent}
            min={1}
            max={100}
            hint={
              lesson.video_completion === 'watched_or_transcript'
                ? t('studio.videoCompletionHint')
                : undefined
            }
            onChange={(value) => {
              onChange({
                ...lesson,
                video_watched_percent: value ?? DEFAULT_VIDEO_WATCHED_PERCENT,
              });
            }}
          />
        </div>
      )}
    </div>
  );
}
