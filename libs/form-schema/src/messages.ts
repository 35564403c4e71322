/**
 * Error messages in the GOV.UK Design System style ("Enter …", "Select …", "… must be a real date"),
 * built from the question's label because definitions carry no messages of their own.
 */
import { formatDate } from './dates';
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

const DETERMINERS = new Set(['the', 'a', 'an', 'your', 'their', 'his', 'her', 'its', 'our', 'my', 'this', 'that', 'these', 'those', 'any', 'each', 'every', 'some', 'all']);
const IMPERATIVES = new Set(['describe', 'explain', 'give', 'list', 'tell', 'provide', 'enter', 'select', 'choose', 'tick', 'say', 'outline', 'summarise', 'summarize', 'add', 'upload', 'confirm', 'specify', 'include', 'write', 'identify', 'indicate', 'share']);

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

export function phraseFor(rawLabel: string): Phrase {
  const label = rawLabel.trim().replace(/[:.]$/, '');
  const quoted: Phrase = { object: `an answer to "${label}"`, subject: `The answer to "${label}"`, ref: `"${label}"` };
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
export function inRow(phrase: Phrase, row: number): Phrase {
  const where = ` in row ${row + 1}`;
  return {
    object: phrase.object + where,
    subject: phrase.subject + where,
    ref: phrase.ref + where,
    instruction: phrase.instruction === undefined ? undefined : phrase.instruction + where,
  };
}

function chooseVerb(type: FieldType): string {
  return type === 'text' || type === 'date' ? 'Enter' : 'Select';
}

export function fieldMessage(problem: FieldProblem, type: FieldType, phrase: Phrase): string {
  switch (problem.code) {
    case 'required':
      return phrase.instruction ?? `${chooseVerb(type)} ${phrase.object}`;
    case 'too_long':
      return `${phrase.subject} must be ${problem.maxLength} characters or fewer`;
    case 'invalid_date':
      return `${phrase.subject} must be a real date`;
    case 'date_too_early':
      return `${phrase.subject} must be the same as or after ${formatDate(problem.min)}`;
    case 'date_too_late':
      return `${phrase.subject} must be the same as or before ${formatDate(problem.max)}`;
    case 'invalid_option':
      return `Select ${phrase.object} from the options given`;
    case 'invalid_type':
      if (type === 'text') return `${phrase.subject} must be text`;
      if (type === 'date') return `${phrase.subject} must be a real date`;
      return `Select ${phrase.object} from the options given`;
  }
}

/** Prefixes a cell message with its table: "Support currently in place: enter the provision in row 2". */
export function inTable(tableLabel: string, message: string): string {
  return `${tableLabel.trim()}: ${lowerFirst(message)}`;
}

export function tableRequiredMessage(phrase: Phrase): string {
  return phrase.instruction ?? `Add at least one row to ${phrase.ref}`;
}

export function tooFewRowsMessage(phrase: Phrase, minRows: number): string {
  return `Add at least ${minRows} ${minRows === 1 ? 'row' : 'rows'} to ${phrase.ref}`;
}

export function tooManyRowsMessage(phrase: Phrase, maxRows: number): string {
  return `${phrase.subject} must have ${maxRows} ${maxRows === 1 ? 'row' : 'rows'} or fewer`;
}

/** Echoes untrusted keys back only in a bounded, quoted form. */
export function quoteKey(key: string): string {
  return JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key);
}
