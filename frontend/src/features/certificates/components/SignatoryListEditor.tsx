/** The signatories of a certificate template: add (up to three), edit, upload a signature with its progress, reorder, remove. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { ProgressBar } from '@/components/ProgressBar';
import { TextField } from '@/components/fields';
import { isApiError } from '@/lib/api-error';

import { useAddSignatory, type SignatoryChange } from '../api/add-signatory';
import { useDeleteSignatory } from '../api/delete-signatory';
import { useReorderSignatories } from '../api/reorder-signatories';
import { useUpdateSignatory } from '../api/update-signatory';
import type { CertificateSignatory, PreviewSignatory } from '../types';
import {
  draftOf,
  MAX_SIGNATORIES,
  mergeDrafts,
  movedOrder,
  type SignatoryDraft,
} from './signatory-drafts';

import './SignatoryListEditor.css';

const IMAGE_TYPES = ['image/png', 'image/jpeg'];
/** The backend's limit per image. */
const IMAGE_MAX_BYTES = 1024 * 1024;
/** Fields shown next to their input; anything else goes to the row's banner. */
const SIGNATORY_FIELDS = ['name', 'title', 'signature_image'];

interface SignatoryRowProps {
  organization: string;
  draft: SignatoryDraft;
  saved: CertificateSignatory | null;
  number: number;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onDraft: (draft: SignatoryDraft) => void;
  onSaved: (key: string, signatory: CertificateSignatory) => void;
  onRemoved: (key: string) => void;
  onMove: (offset: -1 | 1) => void;
}

function SignatoryRow({
  organization,
  draft,
  saved,
  number,
  canMoveUp,
  canMoveDown,
  onDraft,
  onSaved,
  onRemoved,
  onMove,
}: SignatoryRowProps) {
  const { t } = useTranslation();
  const id = useId();
  const add = useAddSignatory(organization);
  const update = useUpdateSignatory(organization);
  const remove = useDeleteSignatory(organization);
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState('');
  const [progress, setProgress] = useState<number | null>(null);

  const error: unknown = add.error ?? update.error ?? remove.error;
  const errorsFor = (field: string) => (isApiError(error) ? error.fieldErrors(field) : []);
  const isBusy = add.isPending || update.isPending || remove.isPending;
  const isDirty =
    saved === null || file !== null || draft.name !== saved.name || draft.title !== saved.title;
  const imageErrors = [...(fileProblem ? [fileProblem] : []), ...errorsFor('signature_image')];

  function afterSave(signatory: CertificateSignatory) {
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
    onSaved(draft.key, signatory);
  }

  function save() {
    add.reset();
    update.reset();
    const change: SignatoryChange = {
      name: draft.name,
      title: draft.title,
      signatureImage: file,
      onProgress: setProgress,
    };
    if (file) setProgress(0);
    const options = {
      onSuccess: afterSave,
      onSettled: () => {
        setProgress(null);
      },
    };
    if (draft.id === null) add.mutate(change, options);
    else update.mutate({ ...change, id: draft.id }, options);
  }

  return (
    <li>
      <fieldset className="signatory stack stack--small">
        <legend>{t('template.signatoryLegend', { number })}</legend>
        <TextField
          id={`${id}-name`}
          label={t('template.signatoryName', { number })}
          value={draft.name}
          maxLength={200}
          errors={errorsFor('name')}
          onValueChange={(name) => {
            onDraft({ ...draft, name });
          }}
        />
        <TextField
          id={`${id}-title`}
          label={t('template.signatoryTitle', { number })}
          value={draft.title}
          maxLength={200}
          isOptional
          errors={errorsFor('title')}
          onValueChange={(title) => {
            onDraft({ ...draft, title });
          }}
        />
        <div className={imageErrors.length > 0 ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor={`${id}-image`}>
            {t('template.signatureImage', { number })}
          </label>
          {saved?.signature_image && (
            <img
              className="template-image"
              src={saved.signature_image}
              alt={t('template.currentSignature', { number })}
            />
          )}
          <input
            ref={fileInput}
            id={`${id}-image`}
            type="file"
            className="field__control"
            accept={IMAGE_TYPES.join(',')}
            disabled={isBusy}
            aria-invalid={imageErrors.length > 0 ? true : undefined}
            aria-describedby={imageErrors.length > 0 ? `${id}-image-errors` : undefined}
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              if (chosen && (!IMAGE_TYPES.includes(chosen.type) || chosen.size > IMAGE_MAX_BYTES)) {
                setFileProblem(t('template.imageProblem', { name: chosen.name }));
                setFile(null);
                event.target.value = '';
                return;
              }
              setFileProblem('');
              setFile(chosen);
            }}
          />
          {imageErrors.length > 0 && (
            <ul className="field__errors" id={`${id}-image-errors`} role="alert">
              {imageErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
        {progress !== null && file && (
          <ProgressBar
            percent={Math.round(progress * 100)}
            label={t('template.uploading', { name: file.name })}
          />
        )}
        <ErrorBanner error={error} shownFields={SIGNATORY_FIELDS} />
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            disabled={!isDirty || isBusy || !draft.name.trim()}
            onClick={save}
          >
            {t('template.saveSignatory')}
          </button>
          {saved?.signature_image && (
            <button
              type="button"
              className="button"
              disabled={isBusy}
              onClick={() => {
                update.mutate(
                  {
                    id: saved.id,
                    name: draft.name,
                    title: draft.title,
                    signatureImage: null,
                    clearSignatureImage: true,
                  },
                  { onSuccess: afterSave },
                );
              }}
            >
              {t('template.removeSignatureImage')}
            </button>
          )}
          <button
            type="button"
            className="button"
            disabled={!canMoveUp || isBusy}
            onClick={() => {
              onMove(-1);
            }}
          >
            {t('template.moveUp')}
          </button>
          <button
            type="button"
            className="button"
            disabled={!canMoveDown || isBusy}
            onClick={() => {
              onMove(1);
            }}
          >
            {t('template.moveDown')}
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={isBusy}
            onClick={() => {
              if (draft.id === null) onRemoved(draft.key);
              else
                remove.mutate(draft.id, {
                  onSuccess: () => {
                    onRemoved(draft.key);
                  },
                });
            }}
          >
            {t('template.removeSignatory')}
          </button>
        </div>
      </fieldset>
    </li>
  );
}

export function SignatoryListEditor({
  organization,
  signatories,
  onDraftsChange,
}: {
  organization: string;
  /** The saved signatories, in their order. */
  signatories: readonly CertificateSignatory[];
  /** The list as edited, for the live preview. */
  onDraftsChange: (drafts: PreviewSignatory[]) => void;
}) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<SignatoryDraft[]>(() => signatories.map(draftOf));
  const nextKey = useRef(0);
  const reorder = useReorderSignatories(organization);

  // A new saved list (after a save, a reorder, a removal) reorders the rows, keeping their edits.
  const [savedSeen, setSavedSeen] = useState(signatories);
  if (signatories !== savedSeen) {
    setSavedSeen(signatories);
    setDrafts((previous) => mergeDrafts(previous, signatories));
  }

  useEffect(() => {
    onDraftsChange(drafts.map(({ id, name, title }) => ({ id, name, title })));
  }, [drafts, onDraftsChange]);

  const savedById = new Map(signatories.map((signatory) => [signatory.id, signatory]));
  const savedIds = drafts.flatMap((draft) => (draft.id === null ? [] : [draft.id]));
  const replace = (key: string, next: SignatoryDraft | null) => {
    setDrafts((previous) =>
      previous.flatMap((draft) => (draft.key !== key ? [draft] : next ? [next] : [])),
    );
  };

  return (
    <section className="card stack stack--small" aria-labelledby="signatories-title">
      <h2 id="signatories-title">{t('template.signatories')}</h2>
      <p className="field__hint">{t('template.signatoriesHint', { count: MAX_SIGNATORIES })}</p>
      {drafts.length === 0 && <p>{t('template.noSignatories')}</p>}
      <ol className="stack stack--small plain-list">
        {drafts.map((draft, index) => {
          const savedIndex = draft.id === null ? -1 : savedIds.indexOf(draft.id);
          return (
            <SignatoryRow
              key={draft.key}
              organization={organization}
              draft={draft}
              saved={draft.id === null ? null : (savedById.get(draft.id) ?? null)}
              number={index + 1}
              canMoveUp={savedIndex > 0 && !reorder.isPending}
              canMoveDown={
                savedIndex >= 0 && savedIndex < savedIds.length - 1 && !reorder.isPending
              }
              onDraft={(next) => {
                replace(draft.key, next);
              }}
              onSaved={(key, signatory) => {
                replace(key, draftOf(signatory));
              }}
              onRemoved={(key) => {
                replace(key, null);
              }}
              onMove={(offset) => {
                reorder.mutate(movedOrder(savedIds, savedIndex, offset));
              }}
            />
          );
        })}
      </ol>
      <ErrorBanner error={reorder.error} />
      <div>
        <button
          type="button"
          className="button"
          disabled={drafts.length >= MAX_SIGNATORIES}
          onClick={() => {
            nextKey.current += 1;
            setDrafts((previous) => [
              ...previous,
              { key: `new-${String(nextKey.current)}`, id: null, name: '', title: '' },
            ]);
          }}
        >
          {t('template.addSignatory')}
        </button>
        {drafts.length >= MAX_SIGNATORIES && (
          <p className="field__hint">{t('template.signatoryLimit', { count: MAX_SIGNATORIES })}</p>
        )}
      </div>
    </section>
  );
}
