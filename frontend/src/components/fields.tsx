/** Labelled form controls whose hint and error messages are tied to the input for assistive tech. */
import type { ChangeEvent, InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string | undefined;
  errors?: readonly string[] | undefined;
  isOptional?: boolean | undefined;
  children: (describedBy: string | undefined, isInvalid: boolean) => ReactNode;
}

/** A label, the control `children` render (given what describes it and whether it is invalid),
 * its hint and its errors. */
export function FieldFrame({
  id,
  label,
  hint,
  errors = [],
  isOptional = false,
  children,
}: FieldFrameProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={errors.length > 0 ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
        {isOptional && <span className="field__optional"> ({t('common.optional')})</span>}
      </label>
      {children(describedBy, errors.length > 0)}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {errorId && (
        <ul className="field__errors" id={errorId} aria-live="polite">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

type TextFieldProps = {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: string | undefined;
  errors?: readonly string[] | undefined;
  isOptional?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

export function TextField({
  id,
  label,
  value,
  onValueChange,
  hint,
  errors,
  isOptional,
  ...inputProps
}: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors} isOptional={isOptional}>
      {(describedBy, isInvalid) => (
        <input
          {...inputProps}
          id={id}
          name={id}
          className="field__control"
          value={value}
          required={!isOptional}
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            onValueChange(event.target.value);
          }}
        />
      )}
    </FieldFrame>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  options: readonly { value: string; label: string; lang?: string }[];
  hint?: string | undefined;
  errors?: readonly string[] | undefined;
  isOptional?: boolean;
  autoComplete?: string;
}

export function SelectField({
  id,
  label,
  value,
  onValueChange,
  options,
  hint,
  errors,
  isOptional,
  autoComplete,
}: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors} isOptional={isOptional}>
      {(describedBy, isInvalid) => (
        <select
          id={id}
          name={id}
          className="field__control"
          value={value}
          autoComplete={autoComplete}
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            onValueChange(event.target.value);
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
