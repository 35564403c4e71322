/** fast-check arbitraries that build valid answers from a form definition. */
import fc from 'fast-check';
import type { Column, FormDefinition, Question, TableQuestion } from '../src/form-definition.types';
import { orderedQuestions } from '../src/form-navigation';

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  return Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS;
}

/** Dates are generated as UTC day numbers so the generator itself cannot shift them. */
function dateArb(min = '1900-01-01', max = '2100-12-31'): fc.Arbitrary<string> {
  return fc
    .integer({ min: dayNumber(min), max: dayNumber(max) })
    .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));
}

function textArb(maxLength: number | undefined, required: boolean): fc.Arbitrary<string> {
  const limit = Math.min(maxLength ?? 60, 60);
  const variants: fc.Arbitrary<string>[] = [fc.string({ maxLength: limit }), fc.string({ unit: 'binary', maxLength: limit })];
  // The exact limit in astral characters: one character each, two UTF-16 units each.
  if (maxLength !== undefined) variants.push(fc.constant('😀'.repeat(maxLength)));
  const text = fc.oneof(...variants);
  return required ? text.filter((value) => value.trim() !== '') : text;
}

type FieldLike = Pick<Column, 'type' | 'maxLength' | 'min' | 'max' | 'options'>;

/** A valid, non-blank value when `required`; otherwise possibly blank. */
function fieldArb(field: FieldLike, required: boolean): fc.Arbitrary<unknown> {
  const values = (field.options ?? []).map((option) => option.value);
  const blank = field.type === 'checkboxes' ? [] : '';
  let present: fc.Arbitrary<unknown>;
  switch (field.type) {
    case 'text':
      return textArb(field.maxLength, required);
    case 'date':
      present = dateArb(field.min, field.max);
      break;
    case 'radio':
    case 'select':
      present = fc.constantFrom(...values);
      break;
    case 'checkboxes':
      present = fc.shuffledSubarray(values, { minLength: 1 });
      break;
  }
  return required ? present : fc.oneof(present, fc.constant(blank), fc.constant(null));
}

function rowArb(columns: Column[]): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(columns.map((column) => [column.id, fieldArb(column, column.required === true)]));
  const requiredKeys = columns.filter((column) => column.required).map((column) => column.id);
  return fc.record(model, { requiredKeys });
}

function tableArb(table: TableQuestion): fc.Arbitrary<unknown> {
  const minLength = Math.max(table.minRows ?? 0, table.required ? 1 : 0);
  const maxLength = Math.max(minLength, Math.min(table.maxRows ?? 4, 4));
  const rows = fc.array(rowArb(table.columns), { minLength, maxLength });
  // A table with no mandatory rows may legitimately stay empty or unanswered.
  return minLength === 0 ? fc.oneof(rows, fc.constant(null)) : rows;
}

function questionArb(question: Exclude<Question, { type: 'readonly' }>): fc.Arbitrary<unknown> {
  if (question.type === 'table') return tableArb(question);
  return fieldArb(question, question.required === true);
}

/**
 * Answers that pass both draft and complete validation: every required question (shown or not)
 * gets a valid non-blank answer, optional ones get a valid value, a blank, null or nothing.
 */
export function validAnswersArb(definition: FormDefinition): fc.Arbitrary<Record<string, unknown>> {
  const answerable = orderedQuestions(definition)
    .map((entry) => entry.question)
    .filter((question): question is Exclude<Question, { type: 'readonly' }> => question.type !== 'readonly');
  const model = Object.fromEntries(answerable.map((question) => [question.id, questionArb(question)]));
  const requiredKeys = answerable.filter((question) => question.required).map((question) => question.id);
  return fc.record(model, { requiredKeys });
}

/** Keys an attacker or a buggy client might send: real ids (read-only ones too), unknown and prototype names. */
export function answerKeyArb(definition: FormDefinition): fc.Arbitrary<string> {
  const ids = orderedQuestions(definition).map((entry) => entry.question.id);
  return fc.oneof(fc.constantFrom(...ids), fc.constantFrom('__proto__', 'constructor', 'toString', 'unknown'), fc.string());
}
