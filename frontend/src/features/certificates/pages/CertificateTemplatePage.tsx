/** /studio/certificate-template — logo, colours and signatories, with a PDF preview the backend renders. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { NotAvailableYet } from '@/components/NotAvailableYet';
import { isNotAvailable } from '@/lib/not-available';
import { SuccessBanner } from '@/components/SuccessBanner';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useCertificateTemplate } from '../api/get-certificate-template';
import { usePreviewCertificateTemplate } from '../api/preview-certificate-template';
import {
  useUpdateCertificateTemplate,
  type TemplateChange,
} from '../api/update-certificate-template';
import type { CertificateTemplate } from '../types';

const IMAGE_TYPES = 'image/png,image/jpeg,image/svg+xml';
const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
const PREVIEW_DELAY_MS = 600;

function fromTemplate(template: CertificateTemplate): TemplateChange {
  return {
    primaryColor: template.primary_color || '#0b4f6c',
    accentColor: template.accent_color || '#f4a259',
    logo: null,
    signatories: template.signatories.map(({ name, title }) => ({ name, title, signature: null })),
  };
}

function ImageInput({
  id,
  label,
  onFile,
}: {
  id: string;
  label: string;
  onFile: (file: File | null) => void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState('');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="file"
        className="field__control"
        accept={IMAGE_TYPES}
        aria-invalid={problem ? true : undefined}
        onChange={(event) => {
          const file = event.target.files?.[0] ?? null;
          if (
            file &&
            (!IMAGE_TYPES.split(',').includes(file.type) || file.size > IMAGE_MAX_BYTES)
          ) {
            setProblem(t('template.imageProblem', { name: file.name }));
            onFile(null);
            return;
          }
          setProblem('');
          onFile(file);
        }}
      />
      {problem && (
        <p className="field__errors" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function TemplateEditor({
  organization,
  template,
}: {
  organization: string;
  template: CertificateTemplate;
}) {
  const { t } = useTranslation();
  const [change, setChange] = useState(() => fromTemplate(template));
  const update = useUpdateCertificateTemplate(organization);
  const preview = usePreviewCertificateTemplate(organization);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const { mutate: renderPreview } = preview;

  // The preview follows the form, a moment after the last change.
  useEffect(() => {
    const timer = setTimeout(() => {
      renderPreview(change, {
        onSuccess: (url) => {
          setPreviewUrl((previous) => {
            if (previous) URL.revokeObjectURL(previous);
            return url;
          });
        },
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [change, renderPreview]);

  const setSignatory = (index: number, value: Partial<TemplateChange['signatories'][number]>) => {
    setChange({
      ...change,
      signatories: change.signatories.map((item, itemIndex) =>
        itemIndex === index ? { ...item, ...value } : item,
      ),
    });
  };

  return (
    <div className="template-layout">
      <form
        className="card stack"
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate(change);
        }}
      >
        <ImageInput
          id="template-logo"
          label={t('template.logo')}
          onFile={(logo) => {
            setChange({ ...change, logo });
          }}
        />
        <div className="question-editor__row">
          <div className="field">
            <label className="field__label" htmlFor="template-primary">
              {t('template.primaryColor')}
            </label>
            <input
              id="template-primary"
              type="color"
              value={change.primaryColor}
              onChange={(event) => {
                setChange({ ...change, primaryColor: event.target.value });
              }}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="template-accent">
              {t('template.accentColor')}
            </label>
            <input
              id="template-accent"
              type="color"
              value={change.accentColor}
              onChange={(event) => {
                setChange({ ...change, accentColor: event.target.value });
              }}
            />
          </div>
        </div>
        <fieldset className="stack stack--small">
          <legend>{t('template.signatories')}</legend>
          {change.signatories.map((signatory, index) => (
            <div key={index} className="signatory stack stack--small">
              <div className="field">
                <label className="field__label" htmlFor={`signatory-name-${String(index)}`}>
                  {t('template.signatoryName', { number: index + 1 })}
                </label>
                <input
                  id={`signatory-name-${String(index)}`}
                  className="field__control"
                  value={signatory.name}
                  onChange={(event) => {
                    setSignatory(index, { name: event.target.value });
                  }}
                />
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`signatory-title-${String(index)}`}>
                  {t('template.signatoryTitle', { number: index + 1 })}
                </label>
                <input
                  id={`signatory-title-${String(index)}`}
                  className="field__control"
                  value={signatory.title}
                  onChange={(event) => {
                    setSignatory(index, { title: event.target.value });
                  }}
                />
              </div>
              <ImageInput
                id={`signatory-image-${String(index)}`}
                label={t('template.signatureImage', { number: index + 1 })}
                onFile={(signature) => {
                  setSignatory(index, { signature });
                }}
              />
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => {
                  setChange({
                    ...change,
                    signatories: change.signatories.filter((_, itemIndex) => itemIndex !== index),
                  });
                }}
              >
                {t('template.removeSignatory', { number: index + 1 })}
              </button>
            </div>
          ))}
          <div>
            <button
              type="button"
              className="button button--small"
              disabled={change.signatories.length >= 3}
              onClick={() => {
                setChange({
                  ...change,
                  signatories: [...change.signatories, { name: '', title: '', signature: null }],
                });
              }}
            >
              {t('template.addSignatory')}
            </button>
          </div>
        </fieldset>
        {update.isSuccess && <SuccessBanner>{t('template.saved')}</SuccessBanner>}
        <ErrorBanner error={update.error} />
        <div>
          <button type="submit" className="button button--primary" disabled={update.isPending}>
            {t('template.save')}
          </button>
        </div>
      </form>
      <section className="card stack stack--small" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('template.preview')}</h2>
        {preview.isPending && <LoadingState />}
        {preview.isError &&
          (isNotAvailable(preview.error) ? (
            <NotAvailableYet feature={t('template.preview')} />
          ) : (
            <ErrorBanner error={preview.error} />
          ))}
        {previewUrl && (
          <iframe
            className="template-preview"
            title={t('template.previewFrame')}
            src={previewUrl}
          />
        )}
      </section>
    </div>
  );
}

export function CertificateTemplatePage({
  organizations,
}: {
  organizations: readonly { slug: string; name: string }[];
}) {
  const { t } = useTranslation();
  const [organization, setOrganization] = useState(organizations[0]?.slug ?? '');
  const template = useCertificateTemplate(organization);
  useDocumentTitle(t('template.title'));
  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('template.title')}</h1>
        <p className="lead">{t('template.lead')}</p>
      </header>
      {organizations.length > 1 && (
        <div className="field">
          <label className="field__label" htmlFor="template-organization">
            {t('template.institution')}
          </label>
          <select
            id="template-organization"
            className="field__control"
            value={organization}
            onChange={(event) => {
              setOrganization(event.target.value);
            }}
          >
            {organizations.map((item) => (
              <option key={item.slug} value={item.slug}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {template.isPending && <LoadingState />}
      {template.isError &&
        (isNotAvailable(template.error) ? (
          <NotAvailableYet feature={t('template.title')} />
        ) : (
          <div className="card stack stack--small">
            <ErrorBanner error={template.error} />
            <button type="button" className="button" onClick={() => void template.refetch()}>
              {t('common.retry')}
            </button>
          </div>
        ))}
      {template.data && (
        <TemplateEditor key={organization} organization={organization} template={template.data} />
      )}
    </div>
  );
}
