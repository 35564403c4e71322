import { isRealDate } from './dates';
import type { ColumnType, Option } from './form-definition.types';
import type { FieldProblem } from './messages';

/** What a plain question and a table column have in common when it comes to checking a value. */
export interface FieldSpec {
  type: ColumnType;
  maxLength?: number;
  min?: string;
  max?: string;
  options?: Option[];
}

const HAS_SURROGATE = /[\uD800-\uDFFF]/;

/** Counts characters as a person does, so an emoji is one character, not two UTF-16 units. */
export function characterCount(text: string): number {
  // No character is fewer than one UTF-16 unit: text without surrogates (nearly all) counts as its length.
  if (!HAS_SURROGATE.test(text)) return text.length;
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function checkChoice(field: FieldSpec, value: unknown): FieldProblem | null {
  if (typeof value !== 'string') return { code: 'invalid_type' };
  return (field.options ?? []).some((option) => option.value === value) ? null : { code: 'invalid_option' };
}

function checkCheckboxes(field: FieldSpec, value: unknown): FieldProblem | null {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return { code: 'invalid_type' };
  const allowed = new Set((field.options ?? []).map((option) => option.value));
  const seen = new Set<string>();
  for (const item of value as string[]) {
    // A value ticked twice is as meaningless as one that is not offered.
    if (!allowed.has(item) || seen.has(item)) return { code: 'invalid_option' };
    seen.add(item);
  }
  return null;
}

/** Type checks on a value that is present (not blank); returns the first problem found. */
export function checkFieldValue(field: FieldSpec, value: unknown): FieldProblem | null {
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return { code: 'invalid_type' };
      // A character is one or two UTF-16 units: within maxLength units is within maxLength characters.
      if (field.maxLength !== undefined && value.length > field.maxLength && characterCount(value) > field.maxLength) {
        return { code: 'too_long', maxLength: field.maxLength };
      }
      return null;
    case 'date':
      if (typeof value !== 'string') return { code: 'invalid_type' };
      if (!isRealDate(value)) return { code: 'invalid_date' };
      if (field.min !== undefined && value < field.min) return { code: 'date_too_early', min: field.min };
      if (field.max !== undefined && value > field.max) return { code: 'date_too_late', max: field.max };
      return null;
    case 'radio':
    case 'select':
      return checkChoice(field, value);
    case 'checkboxes':
      return checkCheckboxes(field, value);
  }
}
