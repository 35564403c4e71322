import { useState, type ChangeEvent, type HTMLAttributes, type ReactNode } from 'react';
import { useT } from '../i18n/language';

export function describedBy(...ids: (string | false | undefined | null)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

interface TextFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'tel' | 'password';
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  widthClass?: string;
  spellCheck?: boolean;
  labelClass?: string;
  isPageHeading?: boolean;
  optional?: boolean;
  maxLength?: number;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, error, hint, type = 'text', autoComplete, inputMode, widthClass, spellCheck, labelClass, isPageHeading } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const labelElement = (
    <label className={`govuk-label ${labelClass ?? ''}`} htmlFor={id}>
      {label}
      {props.optional && ' (optional)'}
    </label>
  );
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      {isPageHeading ? <h1 className="govuk-label-wrapper">{labelElement}</h1> : labelElement}
      {hint && (
        <div id={hintId} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && errorId && <ErrorMessage id={errorId}>{error}</ErrorMessage>}
      <input
        className={`govuk-input ${widthClass ?? ''}${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={spellCheck}
        maxLength={props.maxLength}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
      />
    </div>
  );
}

/** A password field with a Show/Hide button, like the GOV.UK password input. */
export function PasswordField(props: Omit<TextFieldProps, 'type'>) {
  const t = useT();
  const [shown, setShown] = useState(false);
  const { id, label, value, onChange, error, hint, autoComplete } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`govuk-form-group govuk-password-input${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={hintId} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && errorId && <ErrorMessage id={errorId}>{error}</ErrorMessage>}
      <div className="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          className={`govuk-input govuk-password-input__input govuk-js-password-input-input${error ? ' govuk-input--error' : ''}`}
          id={id}
          name={id}
          type={shown ? 'text' : 'password'}
          value={value}
          autoComplete={autoComplete}
          spellCheck={false}
          autoCapitalize="none"
          aria-describedby={describedBy(hintId, errorId)}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-password-input__toggle app-password-toggle"
          aria-controls={id}
          onClick={() => setShown(!shown)}
        >
          {shown ? t('password.hide') : t('password.show')}
          <span className="govuk-visually-hidden">{t('password.password')}</span>
        </button>
      </div>
      <div className="govuk-visually-hidden" aria-live="polite">
        {shown ? t('password.visible') : ''}
      </div>
    </div>
  );
}

export function SingleCheckbox({ id, label, checked, onChange, error, hint }: { id: string; label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; error?: string; hint?: ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      {error && errorId && <ErrorMessage id={errorId}>{error}</ErrorMessage>}
      <div className="govuk-checkboxes" data-module="govuk-checkboxes">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            name={id}
            type="checkbox"
            checked={checked}
            aria-describedby={describedBy(hintId, errorId)}
            onChange={(event) => onChange(event.target.checked)}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint && (
            <div id={hintId} className="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

export function Button({ children, variant, onClick, type = 'button', disabled, className, ...rest }: { children: ReactNode; variant?: 'secondary' | 'warning' | 'inverse'; onClick?: () => void; type?: 'button' | 'submit'; disabled?: boolean; className?: string; 'aria-describedby'?: string; id?: string }) {
  return (
    <button
      type={type}
      className={`govuk-button${variant ? ` govuk-button--${variant}` : ''}${className ? ` ${className}` : ''}`}
      data-module="govuk-button"
      disabled={disabled}
      aria-disabled={disabled || undefined}
      onClick={onClick}
      {...rest}
    >
      {children}
    </button>
  );
}

/** A button that reads as a link (for actions such as "Send a new code"). */
export function LinkButton({ children, onClick, disabled }: { children: ReactNode; onClick: () => void; disabled?: boolean }) {
  return (
    <button type="button" className="app-link-button govuk-link" onClick={onClick} disabled={disabled}>
      {children}
    </button>
  );
}
