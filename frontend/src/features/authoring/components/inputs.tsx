/** Small labelled inputs for the editor's many numbers, texts and switches. */
import { useId, useState, type ReactNode } from 'react';

import './inputs.css';

interface NumberInputProps {
  label: string;
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  min?: number;
  max?: number;
  step?: number | 'any';
  isNullable?: boolean;
  hint?: string;
}

/** A number field that lets the author clear it while typing without the value jumping to 0. */
export function NumberInput({
  label,
  value,
  onChange,
  min,
  max,
  step = 1,
  isNullable = false,
  hint,
}: NumberInputProps) {
  const id = useId();
  const [text, setText] = useState(value === null || value === undefined ? '' : String(value));
  const shown =
    Number(text) === value || (text === '' && value === null) ? text : String(value ?? '');
  return (
    <div className="field field--inline">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__control field__control--number"
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={shown}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value === '') {
            if (isNullable) onChange(null);
            return;
          }
          const number = Number(event.target.value);
          if (Number.isFinite(number)) onChange(number);
        }}
      />
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

interface TextInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  lang?: string | undefined;
  isMultiline?: boolean;
  rows?: number;
  hint?: string;
  placeholder?: string;
  errors?: readonly string[];
  type?: 'text' | 'url';
}

export function TextInput({
  label,
  value,
  onChange,
  lang,
  isMultiline = false,
  rows = 3,
  hint,
  placeholder,
  errors = [],
  type = 'text',
}: TextInputProps) {
  const id = useId();
  const describedBy =
    [errors.length > 0 ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') ||
    undefined;
  const common = {
    id,
    className: 'field__control',
    lang,
    dir: 'auto' as const,
    value,
    placeholder,
    'aria-describedby': describedBy,
    'aria-invalid': errors.length > 0 || undefined,
  };
  return (
    <div className={errors.length > 0 ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {isMultiline ? (
        <textarea
          {...common}
          rows={rows}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        />
      ) : (
        <input
          {...common}
          type={type}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        />
      )}
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <ul className="field__errors" id={`${id}-error`}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CheckboxInput({
  label,
  checked,
  onChange,
}: {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="choice">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          onChange(event.target.checked);
        }}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function SelectInput<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <div className="field field--inline">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="field__control"
        value={value}
        onChange={(event) => {
          onChange(event.target.value as T);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
