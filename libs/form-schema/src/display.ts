import { formatDate, isRealDate } from './dates';
import type { FieldSpec } from './field-check';
import type { Option, Question } from './form-definition.types';
import { isPlainObject, ownValue } from './json';

/** Separates the ticked options of a checkboxes answer; option labels may themselves contain commas. */
export const LIST_SEPARATOR = '\n';

export function optionLabel(options: readonly Option[], value: string): string {
  return options.find((option) => option.value === value)?.label ?? value;
}

/** Labels of the ticked options in the definition's order; values not on offer follow as given. */
function checkedLabels(options: readonly Option[], values: unknown[]): string[] {
  const strings = values.filter((value): value is string => typeof value === 'string');
  const known = options.filter((option) => strings.includes(option.value)).map((option) => option.label);
  const unknown = strings.filter((value) => !options.some((option) => option.value === value));
  return [...known, ...unknown];
}

function displayField(field: FieldSpec, value: unknown): string {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? value : '';
    case 'date':
      return typeof value === 'string' ? formatDate(value) : '';
    case 'radio':
    case 'select':
      return typeof value === 'string' ? optionLabel(field.options ?? [], value) : '';
    case 'checkboxes':
      return Array.isArray(value) ? checkedLabels(field.options ?? [], value).join(LIST_SEPARATOR) : '';
  }
}

function displayPrefill(value: unknown): string {
  // Prefill has no declared type; a value that is exactly a calendar date is shown like every other date.
  if (typeof value === 'string') return isRealDate(value) ? formatDate(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string').join(LIST_SEPARATOR);
  return '';
}

/**
 * The answer as a person reads it (PDF, check-your-answers): option labels rather than values,
 * dates as `05-Oct-2026`, ticked options one per line. A table gives one string per cell, rows ×
 * columns in column order, without a header row. Unanswered or malformed values give ''.
 */
export function displayAnswer(question: Question, value: unknown): string | string[][] {
  switch (question.type) {
    case 'readonly':
      return displayPrefill(value);
    case 'table':
      if (!Array.isArray(value)) return [];
      return value.map((row: unknown) =>
        question.columns.map((column) => (isPlainObject(row) ? displayField(column, ownValue(row, column.id)) : '')),
      );
    default:
      return displayField(question, value);
  }
}
