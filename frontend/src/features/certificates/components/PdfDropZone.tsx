/** Drop (or choose) a certificate PDF to have it checked byte for byte against the issued ones. */
import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

import './PdfDropZone.css';

export function PdfDropZone({
  onFile,
  disabled,
}: {
  onFile: (file: File) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const [isOver, setIsOver] = useState(false);

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setIsOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <div
      className={isOver ? 'drop-zone drop-zone--over' : 'drop-zone'}
      data-testid="pdf-drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setIsOver(true);
      }}
      onDragLeave={() => {
        setIsOver(false);
      }}
      onDrop={onDrop}
    >
      <span className="drop-zone__icon" aria-hidden="true">
        ⇩
      </span>
      <p className="drop-zone__text">{t('verify.dropHint')}</p>
      <label className="button" htmlFor={inputId}>
        {t('verify.chooseFile')}
      </label>
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        accept="application/pdf,.pdf,application/json,application/ld+json,.json"
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
    </div>
  );
}
