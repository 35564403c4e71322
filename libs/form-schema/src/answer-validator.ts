import { checkFieldValue } from './field-check';
import type { FormDefinition, Page, Question, TableQuestion } from './form-definition.types';
import { orderedQuestions } from './form-navigation';
import { isBlank, isPlainObject, ownValue, type JsonObject } from './json';
import {
  fieldMessage,
  inRow,
  inTable,
  phraseFor,
  quoteKey,
  tableRequiredMessage,
  tooFewRowsMessage,
  tooManyRowsMessage,
} from './messages';
import { formMessage, type MessageLanguage } from './message-catalogue';
import { computeVisibility } from './visibility';

export const ANSWER_ERROR_CODES = [
  'unknown_question',
  'read_only',
  'invalid_type',
  'invalid_date',
  'date_too_early',
  'date_too_late',
  'too_long',
  'invalid_option',
  'too_many_rows',
  'too_few_rows',
  'unknown_column',
  'required',
] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

export interface AnswerError {
  /** '' for an answer key that belongs to no page (`unknown_question`) or a non-object answer set. */
  pageId: string;
  questionId: string;
  /** 0-based index into the table's rows (messages say "row 1" for index 0). */
  row?: number;
  columnId?: string;
  code: AnswerErrorCode;
  message: string;
}

export type ValidationMode = 'draft' | 'complete';

export interface ValidateAnswersOptions {
  /** draft: type checks on every answer present; complete: type and mandatory checks on visible questions. */
  mode: ValidationMode;
  /** Only report errors on this page (see `findPage` to reject unknown page ids first). */
  pageId?: string;
  /**
   * The language of the messages (issue 23), English by default. In Welsh a label is the node's
   * Welsh (`cy.label`) where the definition has one. Codes and places are the same in both.
   */
  language?: MessageLanguage;
}

/** "No answer" as the type means it: an empty list is blank only where a list is the answer. */
function isUnansweredAs(type: string, value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0 && (type === 'checkboxes' || type === 'table');
  return isBlank(value);
}

type Report = (code: AnswerErrorCode, message: string, where?: { row?: number; columnId?: string }) => void;

/** A node's label in the messages' language: its Welsh where it has one. */
function labelIn(node: { label: string; cy?: { label?: string } }, language: MessageLanguage): string {
  return language === 'cy' ? (node.cy?.label ?? node.label) : node.label;
}

function checkTable(question: TableQuestion, value: unknown, complete: boolean, report: Report, language: MessageLanguage): void {
  // Phrases are built only for a message: a valid answer set (every save) needs none.
  const tableLabel = labelIn(question, language);
  const phrase = () => phraseFor(tableLabel, language);
  const minRows = question.minRows ?? 0;
  if (isBlank(value)) {
    if (!complete) return;
    if (question.required) report('required', tableRequiredMessage(phrase(), language));
    else if (minRows > 0) report('too_few_rows', tooFewRowsMessage(phrase(), minRows, language));
    return;
  }
  if (!Array.isArray(value)) {
    report('invalid_type', formMessage(language, 'table.notList', { subject: phrase().subject }));
    return;
  }
  if (question.maxRows !== undefined && value.length > question.maxRows) {
    report('too_many_rows', tooManyRowsMessage(phrase(), question.maxRows, language));
  }
  if (complete && value.length < minRows) report('too_few_rows', tooFewRowsMessage(phrase(), minRows, language));

  const columnIds = new Set(question.columns.map((column) => column.id));
  value.forEach((row: unknown, index) => {
    if (!isPlainObject(row)) {
      report('invalid_type', inTable(tableLabel, formMessage(language, 'table.rowNotAnswerSet', { row: index + 1 }), language), {
        row: index,
      });
      return;
    }
    for (const column of question.columns) {
      const cell = ownValue(row, column.id);
      const cellPhrase = () => inRow(phraseFor(labelIn(column, language), language), index, language);
      const where = { row: index, columnId: column.id };
      if (isUnansweredAs(column.type, cell)) {
        if (complete && column.required) {
          const message = fieldMessage({ code: 'required' }, column.type, cellPhrase(), language);
          report('required', inTable(tableLabel, message, language), where);
        }
        continue;
      }
      const problem = checkFieldValue(column, cell);
      if (problem)
        report(problem.code, inTable(tableLabel, fieldMessage(problem, column.type, cellPhrase(), language), language), where);
    }
    for (const key of Object.keys(row)) {
      if (columnIds.has(key)) continue;
      const message = formMessage(language, 'table.unknownColumn', { row: index + 1, key: quoteKey(key) });
      report('unknown_column', inTable(tableLabel, message, language), {
        row: index,
        columnId: key,
      });
    }
  });
}

function checkQuestion(question: Question, value: unknown, complete: boolean, report: Report, language: MessageLanguage): void {
  if (question.type === 'readonly') {
    // null is "no answer", so a client echoing prefill keys back as null is harmless.
    if (value !== null && value !== undefined) {
      report(
        'read_only',
        formMessage(language, 'answer.readOnly', { subject: phraseFor(labelIn(question, language), language).subject }),
      );
    }
    return;
  }
  if (question.type === 'table') {
    checkTable(question, value, complete, report, language);
    return;
  }
  const phrase = () => phraseFor(labelIn(question, language), language);
  if (isUnansweredAs(question.type, value)) {
    if (complete && question.required) report('required', fieldMessage({ code: 'required' }, question.type, phrase(), language));
    return;
  }
  const problem = checkFieldValue(question, value);
  if (problem) report(problem.code, fieldMessage(problem, question.type, phrase(), language));
}

/**
 * Checks untrusted answers against a (valid) definition. Never throws and never mutates `answers`.
 * Errors come in form order: page, question, row, column; answers to unknown questions come last.
 */
export function validateAnswers(definition: FormDefinition, answers: unknown, options: ValidateAnswersOptions): AnswerError[] {
  const pageFilter = options.pageId;
  const language = options.language ?? 'en';
  if (!isPlainObject(answers)) {
    const message = formMessage(language, 'answer.notAnswerSet');
    return [{ pageId: pageFilter ?? '', questionId: '', code: 'invalid_type', message }];
  }
  const complete = options.mode === 'complete';
  // Draft saves keep hidden answers (they come back if the controller flips back), so only
  // complete mode needs visibility.
  const visibility = complete ? computeVisibility(definition, answers) : undefined;
  const errors: AnswerError[] = [];
  const known = new Set<string>();

  for (const { page, question } of orderedQuestions(definition)) {
    known.add(question.id);
    if (pageFilter !== undefined && page.id !== pageFilter) continue;
    if (visibility && visibility.get(question.id) !== true) continue;
    checkQuestion(question, ownValue(answers, question.id), complete, reporterFor(errors, page, question.id), language);
  }
  if (pageFilter === undefined) collectUnknownQuestions(answers, known, errors, language);
  return errors;
}

function reporterFor(errors: AnswerError[], page: Page, questionId: string): Report {
  return (code, message, where = {}) => {
    const error: AnswerError = { pageId: page.id, questionId, code, message };
    if (where.row !== undefined) error.row = where.row;
    if (where.columnId !== undefined) error.columnId = where.columnId;
    errors.push(error);
  };
}

function collectUnknownQuestions(
  answers: JsonObject,
  known: Set<string>,
  errors: AnswerError[],
  language: MessageLanguage,
): void {
  for (const key of Object.keys(answers)) {
    if (known.has(key)) continue;
    errors.push({
      pageId: '',
      questionId: key,
      code: 'unknown_question',
      message: formMessage(language, 'answer.unknownQuestion', { key: quoteKey(key) }),
    });
  }
}
