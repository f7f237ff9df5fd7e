/** What the authoring uploads share: a file input that hands over the chosen file, and the
 * labelled field around it (the checks before sending are `useFileProblem`). */
import { type InputHTMLAttributes, useId } from 'react';

import { FieldFrame } from '@/components/fields';

/** A file input that hands over the file chosen and then forgets it, so that choosing the same
 * file again (after a refusal, or to resume an upload) is a new choice. */
export function FileInput({
  onFile,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'onChange'> & {
  onFile: (file: File) => void;
}) {
  return (
    <input
      {...props}
      type="file"
      onChange={(event) => {
        const file = event.target.files?.[0];
        if (file) onFile(file);
        event.target.value = '';
      }}
    />
  );
}

/** A labelled file input with its hint under it. */
export function FileField({
  label,
  hint,
  accept,
  isInvalid,
  disabled,
  onFile,
}: {
  label: string;
  hint: string;
  /** File name endings the server takes, e.g. ['.pdf', '.png']. */
  accept: readonly string[];
  isInvalid: boolean;
  disabled: boolean;
  onFile: (file: File) => void;
}) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint}>
      {(describedBy) => (
        <FileInput
          id={id}
          className="field__control"
          accept={accept.join(',')}
          aria-describedby={describedBy}
          aria-invalid={isInvalid ? true : undefined}
          disabled={disabled}
          onFile={onFile}
        />
      )}
    </FieldFrame>
  );
}
