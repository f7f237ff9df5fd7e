/** The workflow actions the working version allows and my roles may take, with a note for the history. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { SuccessBanner } from '@/components/SuccessBanner';
import { formatPercent, languageDisplayName } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { useTransition } from '../api/transition';
import type { VersionState, WorkflowAction } from '../types';
import { availableActions, type StaffRole } from '../workflow';
import { TextInput } from './inputs';

import './editor.css';

interface WorkflowPanelProps {
  slug: string;
  state: VersionState;
  roles: readonly StaffRole[];
  hasUnsavedChanges: boolean;
  /** I edited or submitted this version, so I may not approve or publish it (the API's `is_own_work`). */
  isOwnWork?: boolean;
  /** Per course language, the share of texts translated (the API's `completeness`). */
  completeness?: Readonly<Record<string, number>>;
  primaryLanguage?: string;
}

export function WorkflowPanel({
  slug,
  state,
  roles,
  hasUnsavedChanges,
  isOwnWork = false,
  completeness = {},
  primaryLanguage = '',
}: WorkflowPanelProps) {
  const { t } = useTranslation();
  const uiLanguage = useLanguage();
  // Incomplete translations do not block the workflow (courses.api.transition_version); the
  // reviewer sees what learners will read in the primary language instead.
  const incomplete = Object.entries(completeness).filter(([, percent]) => percent < 100);
  const transition = useTransition();
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<WorkflowAction | null>(null);
  const actions = availableActions(state, roles, isOwnWork);
  // Steps my roles allow but my own work on this version withholds: say why they are missing.
  const isSignOffWithheld = availableActions(state, roles).length > actions.length;

  return (
    <section className="card stack stack--small" aria-labelledby="workflow-title">
      <h3 id="workflow-title">{t('studio.workflow.title')}</h3>
      <p>
        {t('studio.workflow.state')}{' '}
        <span className={`badge badge--state-${state}`} data-testid="version-state">
          {t(`studio.state.${state}`)}
        </span>
      </p>
      {incomplete.length > 0 && (
        <div className="banner banner--warning" data-testid="incomplete-translations">
          <p className="banner__message">{t('studio.workflow.translations')}</p>
          <ul className="banner__list">
            {incomplete.map(([language, percent]) => (
              <li key={language}>
                {t('studio.workflow.incompleteTranslation', {
                  language: languageDisplayName(language, uiLanguage),
                  percent: formatPercent(percent, uiLanguage),
                  primary: languageDisplayName(primaryLanguage, uiLanguage),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {done && <SuccessBanner>{t(`studio.workflow.done.${done}`)}</SuccessBanner>}
      {isSignOffWithheld && (
        <p className="banner banner--warning" data-testid="own-work">
          {t('studio.workflow.ownWork')}
        </p>
      )}
      {actions.length === 0 ? (
        !isSignOffWithheld && <p className="muted">{t('studio.workflow.nothingForYou')}</p>
      ) : (
        <>
          {hasUnsavedChanges && actions.includes('submit') && (
            <p className="banner banner--warning">{t('studio.workflow.saveFirst')}</p>
          )}
          <TextInput
            label={t('studio.workflow.comment')}
            value={comment}
            isMultiline
            rows={2}
            onChange={setComment}
          />
          <div className="button-row">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                className={
                  action === 'request_changes' || action === 'archive'
                    ? 'button'
                    : 'button button--primary'
                }
                disabled={transition.isPending || (action === 'submit' && hasUnsavedChanges)}
                onClick={() => {
                  setDone(null);
                  transition.mutate(
                    { slug, action, comment },
                    {
                      onSuccess: () => {
                        setDone(action);
                        setComment('');
                      },
                    },
                  );
                }}
              >
                {t(`studio.workflow.action.${action}`)}
              </button>
            ))}
          </div>
        </>
      )}
      <ErrorBanner error={transition.error} />
    </section>
  );
}
