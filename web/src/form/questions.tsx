import {
  displayAnswer,
  type AnswerError,
  type AnswerValue,
  type Column,
  type Option,
  type Question,
  type TableRow,
} from '@form-schema';
import type { ReactNode } from 'react';
import { useT } from '../i18n/language';
import { describedBy, ErrorMessage } from '../components/fields';
import { AutoTextarea, CharacterCountMessage } from './controls';
import { questionId } from './ids';
import { TableField } from './TableField';

export function RequiredMark({ required }: { required?: boolean }) {
  const t = useT();
  if (!required) return null;
  return (
    <>
      <span className="app-required" aria-hidden="true">
        {' '}
        *
      </span>
      <span className="govuk-visually-hidden">{t('question.required')}</span>
    </>
  );
}

export interface FieldProps {
  question: Question;
  value: AnswerValue | undefined;
  prefill: unknown;
  errors: AnswerError[];
  onChange: (value: AnswerValue) => void;
  disabled?: boolean;
  /** Distinguishes a second copy of a field (the Full Screen table). */
  idPrefix?: string;
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function Hint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <div id={id} className="govuk-hint app-hint">
      {children}
    </div>
  );
}

function Errors({ id, errors }: { id: string; errors: AnswerError[] }) {
  if (!errors.length) return null;
  return (
    <ErrorMessage id={id}>
      {errors.map((error, index) => (
        <span key={index} className="app-error-line">
          {error.message}
        </span>
      ))}
    </ErrorMessage>
  );
}

/** One question of the form, with its label, hint, mandatory mark and errors, as GOV.UK markup. */
export function QuestionField({ question, value, prefill, errors, onChange, disabled, idPrefix = '' }: FieldProps) {
  const t = useT();
  const id = questionId(idPrefix, question.id);
  const hintId = question.hint ? `${id}-hint` : undefined;
  const ownErrors = errors.filter((error) => error.row === undefined);
  const errorId = ownErrors.length ? `${id}-error` : undefined;
  const hasError = errors.length > 0;
  const groupClass = `govuk-form-group app-question${hasError ? ' govuk-form-group--error' : ''}`;
  const label = (
    <>
      {question.label}
      <RequiredMark required={question.required} />
    </>
  );

  switch (question.type) {
    case 'readonly': {
      const shown = displayAnswer(question, prefill);
      const text = typeof shown === 'string' ? shown : '';
      return (
        <div className="govuk-form-group app-question app-question--readonly">
          <label className="govuk-label govuk-label--s" htmlFor={id}>
            {question.label}
          </label>
          <Hint id={`${id}-hint`}>{question.hint}</Hint>
          {text.includes('\n') ? (
            <AutoTextarea
              id={id}
              value={text}
              readOnly
              minRows={2}
              className="app-readonly"
              aria-describedby={describedBy(hintId)}
            />
          ) : (
            <input
              id={id}
              className="govuk-input app-readonly"
              type="text"
              readOnly
              value={text || t('question.notProvided')}
              aria-describedby={describedBy(hintId)}
            />
          )}
        </div>
      );
    }
    case 'text': {
      const text = asString(value);
      const counted = question.maxLength !== undefined;
      const countId = counted ? `${id}-info` : undefined;
      const field = (
        <AutoTextarea
          id={id}
          name={id}
          value={text}
          disabled={disabled}
          minRows={counted && question.maxLength! <= 200 ? 2 : 4}
          className={hasError ? 'govuk-textarea--error' : ''}
          aria-describedby={describedBy(hintId, countId, errorId)}
          aria-invalid={hasError || undefined}
          spellCheck
          onChange={(event) => onChange(event.target.value)}
        />
      );
      return (
        <div className={`${groupClass}${counted ? ' govuk-character-count' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor={id}>
            {label}
          </label>
          <Hint id={`${id}-hint`}>{question.hint}</Hint>
          <Errors id={`${id}-error`} errors={ownErrors} />
          {field}
          {counted && <CharacterCountMessage id={id} value={text} maxLength={question.maxLength!} />}
        </div>
      );
    }
    case 'date':
      return (
        <div className={groupClass}>
          <label className="govuk-label govuk-label--s" htmlFor={id}>
            {label}
          </label>
          <Hint id={`${id}-hint`}>{question.hint}</Hint>
          <Errors id={`${id}-error`} errors={ownErrors} />
          <input
            id={id}
            name={id}
            type="date"
            className={`govuk-input app-date-input${hasError ? ' govuk-input--error' : ''}`}
            value={asString(value)}
            min={question.min}
            max={question.max}
            disabled={disabled}
            aria-describedby={describedBy(hintId, errorId)}
            aria-invalid={hasError || undefined}
            onChange={(event) => onChange(event.target.value)}
          />
        </div>
      );
    case 'select':
      return (
        <div className={groupClass}>
          <label className="govuk-label govuk-label--s" htmlFor={id}>
            {label}
          </label>
          <Hint id={`${id}-hint`}>{question.hint}</Hint>
          <Errors id={`${id}-error`} errors={ownErrors} />
          <SelectControl
            id={id}
            options={question.options}
            value={asString(value)}
            disabled={disabled}
            error={hasError}
            describedBy={describedBy(hintId, errorId)}
            onChange={onChange}
          />
        </div>
      );
    case 'radio':
    case 'checkboxes':
      return (
        <div className={groupClass}>
          <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
            <Hint id={`${id}-hint`}>{question.hint}</Hint>
            <Errors id={`${id}-error`} errors={ownErrors} />
            {question.type === 'radio' ? (
              <RadioControl id={id} options={question.options} value={asString(value)} disabled={disabled} onChange={onChange} />
            ) : (
              <CheckboxControl id={id} options={question.options} value={asList(value)} disabled={disabled} onChange={onChange} />
            )}
          </fieldset>
        </div>
      );
    case 'table':
      return (
        <TableField
          question={question}
          rows={Array.isArray(value) ? (value as TableRow[]) : []}
          errors={errors}
          disabled={disabled}
          idPrefix={idPrefix}
          onChange={(rows) => onChange(rows)}
        />
      );
  }
}

export function SelectControl({
  id,
  options,
  value,
  disabled,
  error,
  describedBy: described,
  onChange,
  label,
}: {
  id: string;
  options: Option[];
  value: string;
  disabled?: boolean;
  error?: boolean;
  describedBy?: string;
  onChange: (value: string) => void;
  label?: string;
}) {
  const t = useT();
  return (
    <select
      id={id}
      name={id}
      className={`govuk-select${error ? ' govuk-select--error' : ''}`}
      value={value}
      disabled={disabled}
      aria-describedby={described}
      aria-invalid={error || undefined}
      aria-label={label}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{t('question.selectOption')}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

export function RadioControl({
  id,
  options,
  value,
  disabled,
  onChange,
  small,
}: {
  id: string;
  options: Option[];
  value: string;
  disabled?: boolean;
  onChange: (value: string) => void;
  small?: boolean;
}) {
  return (
    <div className={`govuk-radios${small ? ' govuk-radios--small' : ''}`} data-module="govuk-radios">
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${index + 1}`;
        return (
          <div className="govuk-radios__item" key={option.value}>
            <input
              className="govuk-radios__input"
              id={optionId}
              name={id}
              type="radio"
              value={option.value}
              checked={value === option.value}
              disabled={disabled}
              onChange={() => onChange(option.value)}
            />
            <label className="govuk-label govuk-radios__label" htmlFor={optionId}>
              {option.label}
            </label>
          </div>
        );
      })}
    </div>
  );
}

export function CheckboxControl({
  id,
  options,
  value,
  disabled,
  onChange,
  small,
}: {
  id: string;
  options: Option[];
  value: string[];
  disabled?: boolean;
  onChange: (value: string[]) => void;
  small?: boolean;
}) {
  const toggle = (optionValue: string, checked: boolean) => {
    const set = new Set(value);
    if (checked) set.add(optionValue);
    else set.delete(optionValue);
    // Keep the definition's order.
    onChange(options.map((option) => option.value).filter((v) => set.has(v)));
  };
  return (
    <div className={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`} data-module="govuk-checkboxes">
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${index + 1}`;
        return (
          <div className="govuk-checkboxes__item" key={option.value}>
            <input
              className="govuk-checkboxes__input"
              id={optionId}
              name={id}
              type="checkbox"
              value={option.value}
              checked={value.includes(option.value)}
              disabled={disabled}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={optionId}>
              {option.label}
            </label>
          </div>
        );
      })}
    </div>
  );
}

/** A table cell's control; its label is visually hidden ("Date, row 2") since the column header shows it. */
export function CellControl({
  id,
  column,
  row,
  value,
  error,
  errorId,
  disabled,
  onChange,
}: {
  id: string;
  column: Column;
  row: number;
  value: unknown;
  error: boolean;
  errorId?: string;
  disabled?: boolean;
  onChange: (value: string | string[]) => void;
}) {
  const t = useT();
  const label = t('question.cellLabel', { label: column.label, row: row + 1 }) + (column.required ? t('question.required') : '');
  const hintId = column.hint ? `${id}-hint` : undefined;
  const described = describedBy(hintId, errorId);
  const hint = column.hint ? (
    <div id={hintId} className="govuk-visually-hidden">
      {column.hint}
    </div>
  ) : null;
  const labelElement = (
    <label className="govuk-visually-hidden" htmlFor={id}>
      {label}
    </label>
  );
  switch (column.type) {
    case 'text': {
      const short = column.maxLength !== undefined && column.maxLength <= 100;
      return (
        <>
          {labelElement}
          {hint}
          {short ? (
            <input
              id={id}
              type="text"
              className={`govuk-input app-cell-input${error ? ' govuk-input--error' : ''}`}
              value={asString(value)}
              disabled={disabled}
              aria-describedby={described}
              aria-invalid={error || undefined}
              onChange={(event) => onChange(event.target.value)}
            />
          ) : (
            <AutoTextarea
              id={id}
              minRows={1}
              value={asString(value)}
              disabled={disabled}
              className={`app-cell-input${error ? ' govuk-textarea--error' : ''}`}
              aria-describedby={described}
              aria-invalid={error || undefined}
              onChange={(event) => onChange(event.target.value)}
            />
          )}
        </>
      );
    }
    case 'date':
      return (
        <>
          {labelElement}
          {hint}
          <input
            id={id}
            type="date"
            className={`govuk-input app-date-input app-cell-input${error ? ' govuk-input--error' : ''}`}
            value={asString(value)}
            min={column.min}
            max={column.max}
            disabled={disabled}
            aria-describedby={described}
            aria-invalid={error || undefined}
            onChange={(event) => onChange(event.target.value)}
          />
        </>
      );
    case 'select':
      return (
        <>
          {labelElement}
          {hint}
          <SelectControl
            id={id}
            options={column.options ?? []}
            value={asString(value)}
            disabled={disabled}
            error={error}
            describedBy={described}
            onChange={onChange}
          />
        </>
      );
    case 'radio':
    case 'checkboxes':
      return (
        <fieldset className="govuk-fieldset" aria-describedby={described}>
          <legend className="govuk-visually-hidden">{label}</legend>
          {hint}
          {column.type === 'radio' ? (
            <RadioControl
              id={id}
              small
              options={column.options ?? []}
              value={asString(value)}
              disabled={disabled}
              onChange={onChange}
            />
          ) : (
            <CheckboxControl
              id={id}
              small
              options={column.options ?? []}
              value={asList(value)}
              disabled={disabled}
              onChange={onChange}
            />
          )}
        </fieldset>
      );
  }
}
