/** A labelled progress bar: the exact percentage the progress API reports. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { formatPercent } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

export function ProgressBar({ percent, label }: { percent: number; label?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labelId = useId();
  const clamped = Math.min(100, Math.max(0, percent));
  const text = formatPercent(clamped, language);
  return (
    <div className="progress">
      <div className="progress__label">
        <span id={labelId}>{label ?? t('learning.progress')}</span>
        <span className="progress__value">{text}</span>
      </div>
      <div
        className={clamped === 100 ? 'progress__track progress__track--done' : 'progress__track'}
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
        aria-valuetext={text}
      >
        <span className="progress__fill" style={{ inlineSize: `${String(clamped)}%` }} />
      </div>
    </div>
  );
}
