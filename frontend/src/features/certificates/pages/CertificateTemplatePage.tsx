/** /studio/certificate-template — logo, colours and signatories, with a PDF preview the backend renders. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { SuccessBanner } from '@/components/SuccessBanner';
import { RequestError } from '@/components/RequestError';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useCertificateTemplate } from '../api/get-certificate-template';
import { usePreviewCertificateTemplate } from '../api/preview-certificate-template';
import {
  useUpdateCertificateTemplate,
  type TemplateChange,
} from '../api/update-certificate-template';
import { SignatoryListEditor } from '../components/SignatoryListEditor';
import type { CertificateTemplate, PreviewSignatory } from '../types';

import './CertificateTemplatePage.css';

const IMAGE_TYPES = 'image/png,image/jpeg';
/** The backend's limit per image. */
const IMAGE_MAX_BYTES = 1024 * 1024;
const PREVIEW_DELAY_MS = 600;

function fromTemplate(template: CertificateTemplate): TemplateChange {
  return {
    colour: template.colour || '#0b4f6c',
    logo: null,
  };
}

function ImageInput({
  id,
  label,
  current,
  onFile,
}: {
  id: string;
  label: string;
  current: string | null;
  onFile: (file: File | null) => void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState('');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {current && <img className="template-image" src={current} alt="" />}
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
  const [signatories, setSignatories] = useState<PreviewSignatory[]>(() =>
    template.signatories.map(({ id, name, title }) => ({ id, name, title })),
  );
  const { mutate: renderPreview } = preview;

  // The preview follows the form and the signatories as edited, a moment after the last change.
  useEffect(() => {
    const timer = setTimeout(() => {
      renderPreview(
        { ...change, signatories },
        {
          onSuccess: (url) => {
            setPreviewUrl((previous) => {
              if (previous) URL.revokeObjectURL(previous);
              return url;
            });
          },
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [change, signatories, renderPreview]);

  return (
    <div className="template-layout">
      <div className="stack">
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
            current={template.logo}
            onFile={(logo) => {
              setChange({ ...change, logo });
            }}
          />
          <div className="field">
            <label className="field__label" htmlFor="template-colour">
              {t('template.primaryColor')}
            </label>
            <input
              id="template-colour"
              type="color"
              value={change.colour}
              onChange={(event) => {
                setChange({ ...change, colour: event.target.value });
              }}
            />
          </div>
          {update.isSuccess && <SuccessBanner>{t('template.saved')}</SuccessBanner>}
          <ErrorBanner error={update.error} />
          <div>
            <button type="submit" className="button button--primary" disabled={update.isPending}>
              {t('template.save')}
            </button>
          </div>
        </form>
        <SignatoryListEditor
          organization={organization}
          signatories={template.signatories}
          onDraftsChange={setSignatories}
        />
      </div>
      <section className="card stack stack--small" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('template.preview')}</h2>
        {preview.isPending && <LoadingState />}
        {preview.isError && <ErrorBanner error={preview.error} />}
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
      {template.isError && (
        <RequestError error={template.error} onRetry={() => void template.refetch()} isCard />
      )}
      {template.data && (
        <TemplateEditor key={organization} organization={organization} template={template.data} />
      )}
    </div>
  );
}
