/**
 * Error messages in the GOV.UK Design System style ("Enter …", "Select …", "… must be a real date"),
 * built from the question's label because definitions carry no messages of their own. The wording
 * is in message-catalogue.ts, in English and Welsh.
 */
import { formatDateInLanguage } from './dates';
import { formMessage, type FormMessageKey, type MessageLanguage } from './message-catalogue';
import type { ColumnType } from './form-definition.types';

export type FieldType = ColumnType;

export type FieldProblem =
  | { code: 'invalid_type' }
  | { code: 'invalid_date' }
  | { code: 'date_too_early'; min: string }
  | { code: 'date_too_late'; max: string }
  | { code: 'too_long'; maxLength: number }
  | { code: 'invalid_option' }
  | { code: 'required' };

/** How a label reads inside a sentence. */
export interface Phrase {
  /** After a verb: "the name of educational setting". */
  object: string;
  /** Starts a sentence: "Name of educational setting". */
  subject: string;
  /** Names the thing a table holds: "the support currently in place", or the quoted label. */
  ref: string;
  /** Labels that are already an instruction ("Describe your concerns") are their own required message. */
  instruction?: string;
}

const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'your',
  'their',
  'his',
  'her',
  'its',
  'our',
  'my',
  'this',
  'that',
  'these',
  'those',
  'any',
  'each',
  'every',
  'some',
  'all',
]);
const IMPERATIVES = new Set([
  'describe',
  'explain',
  'give',
  'list',
  'tell',
  'provide',
  'enter',
  'select',
  'choose',
  'tick',
  'say',
  'outline',
  'summarise',
  'summarize',
  'add',
  'upload',
  'confirm',
  'specify',
  'include',
  'write',
  'identify',
  'indicate',
  'share',
]);

/** Lower-cases a leading capital unless the first word is an acronym or mixed case ("GP", "SENCo"). */
export function lowerFirst(text: string): string {
  const firstWord = text.split(/\s/, 1)[0] ?? '';
  if (firstWord === 'I' || /[A-Z]/.test(firstWord.slice(1))) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function firstWord(text: string): string {
  return (text.split(/\s/, 1)[0] ?? '').toLowerCase();
}

export function phraseFor(rawLabel: string, language: MessageLanguage = 'en'): Phrase {
  const label = rawLabel.trim().replace(/[:.]$/, '');
  const quoted: Phrase = {
    object: formMessage(language, 'phrase.quotedObject', { label }),
    subject: formMessage(language, 'phrase.quotedSubject', { label }),
    ref: formMessage(language, 'phrase.quotedRef', { label }),
  };
  // Welsh always quotes the label (see message-catalogue.ts).
  if (language !== 'en') return quoted;
  if (label.endsWith('?')) {
    // "What are the child's strengths?" reads naturally as "the child's strengths".
    const match = /^what (?:is|are|was|were) (.+)\?$/i.exec(label);
    if (match && DETERMINERS.has(firstWord(match[1]))) {
      return { object: match[1], subject: upperFirst(match[1]), ref: match[1] };
    }
    return quoted;
  }
  const words = label.split(/\s+/);
  if (IMPERATIVES.has(firstWord(label)) && words[1]?.toLowerCase() !== 'of') return { ...quoted, instruction: label };
  const noun = lowerFirst(label);
  const object = DETERMINERS.has(firstWord(noun)) ? noun : `the ${noun}`;
  return { object, subject: upperFirst(label), ref: object };
}

/** The same phrase placed in a table row: "the provision in row 2". */
export function inRow(phrase: Phrase, row: number, language: MessageLanguage = 'en'): Phrase {
  const where = (text: string) => formMessage(language, 'table.inRow', { text, row: row + 1 });
  return {
    object: where(phrase.object),
    subject: where(phrase.subject),
    ref: where(phrase.ref),
    instruction: phrase.instruction === undefined ? undefined : where(phrase.instruction),
  };
}

function requiredKey(type: FieldType): FormMessageKey {
  return type === 'text' || type === 'date' ? 'answer.required.enter' : 'answer.required.select';
}

export function fieldMessage(problem: FieldProblem, type: FieldType, phrase: Phrase, language: MessageLanguage = 'en'): string {
  const say = (key: FormMessageKey, params: Record<string, string | number> = {}) =>
    formMessage(language, key, { object: phrase.object, subject: phrase.subject, ref: phrase.ref, ...params });
  switch (problem.code) {
    case 'required':
      return phrase.instruction ?? say(requiredKey(type));
    case 'too_long':
      return say('answer.tooLong', { max: problem.maxLength });
    case 'invalid_date':
      return say('answer.invalidDate');
    case 'date_too_early':
      return say('answer.dateTooEarly', { date: formatDateInLanguage(problem.min, language) });
    case 'date_too_late':
      return say('answer.dateTooLate', { date: formatDateInLanguage(problem.max, language) });
    case 'invalid_option':
      return say('answer.invalidOption');
    case 'invalid_type':
      if (type === 'text') return say('answer.notText');
      if (type === 'date') return say('answer.invalidDate');
      return say('answer.invalidOption');
  }
}

/** Prefixes a cell message with its table: "Support currently in place: enter the provision in row 2". */
export function inTable(tableLabel: string, message: string, language: MessageLanguage = 'en'): string {
  return formMessage(language, 'table.cell', { table: tableLabel.trim(), message: lowerFirst(message) });
}

export function tableRequiredMessage(phrase: Phrase, language: MessageLanguage = 'en'): string {
  return phrase.instruction ?? formMessage(language, 'table.required', { ref: phrase.ref });
}

export function tooFewRowsMessage(phrase: Phrase, minRows: number, language: MessageLanguage = 'en'): string {
  return formMessage(language, minRows === 1 ? 'table.tooFewRows.one' : 'table.tooFewRows.other', {
    ref: phrase.ref,
    min: minRows,
  });
}

export function tooManyRowsMessage(phrase: Phrase, maxRows: number, language: MessageLanguage = 'en'): string {
  return formMessage(language, maxRows === 1 ? 'table.tooManyRows.one' : 'table.tooManyRows.other', {
    subject: phrase.subject,
    max: maxRows,
  });
}

/** Echoes untrusted keys back only in a bounded, quoted form. */
export function quoteKey(key: string): string {
  return JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key);
}
