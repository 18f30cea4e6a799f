import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { useTranslation } from '../i18n';

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  optional?: boolean;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint === undefined ? null : `${id}-hint`, error === undefined ? null : `${id}-error`].filter(
    (value) => value !== null,
  );
  return ids.length === 0 ? undefined : ids.join(' ');
}

function FieldFrame({
  id,
  label,
  error,
  hint,
  optional,
  children,
}: FieldFrameProps & { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={error === undefined ? 'field' : 'field field-invalid'}>
      <label htmlFor={id}>
        {label}
        {optional === true ? <span className="optional"> {t('optional')}</span> : null}
      </label>
      {hint === undefined ? null : (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error === undefined ? null : (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = FieldFrameProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> & {
    value: string;
    onValueChange(value: string): void;
    /** Shown before or after the input, such as a currency symbol; the label says it in words. */
    prefix?: string;
    suffix?: string;
  };

/** A labelled input with its hint and its error next to it, tied together for assistive technology. */
export function TextField({
  id,
  label,
  error,
  hint,
  optional,
  value,
  onValueChange,
  prefix = '',
  suffix = '',
  ...input
}: TextFieldProps) {
  const field = (
    <input
      {...input}
      id={id}
      name={input.name ?? id}
      value={value}
      onChange={(event) => onValueChange(event.target.value)}
      aria-invalid={error === undefined ? undefined : true}
      aria-describedby={describedBy(id, hint, error)}
      required={optional !== true && input.required !== false}
    />
  );
  return (
    <FieldFrame
      id={id}
      label={label}
      error={error}
      hint={hint}
      {...(optional === undefined ? {} : { optional })}
    >
      {prefix === '' && suffix === '' ? (
        field
      ) : (
        <div className="input-affixed">
          {prefix === '' ? null : (
            <span className="input-affix" aria-hidden="true">
              {prefix}
            </span>
          )}
          {field}
          {suffix === '' ? null : (
            <span className="input-affix" aria-hidden="true">
              {suffix}
            </span>
          )}
        </div>
      )}
    </FieldFrame>
  );
}

type SelectFieldProps = FieldFrameProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'> & {
    value: string;
    onValueChange(value: string): void;
    children: ReactNode;
  };

export function SelectField({
  id,
  label,
  error,
  hint,
  value,
  onValueChange,
  children,
  ...select
}: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <select
        {...select}
        id={id}
        name={select.name ?? id}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error === undefined ? undefined : true}
        aria-describedby={describedBy(id, hint, error)}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

/** Moves focus to the first field the form marks invalid, once its errors are rendered. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
