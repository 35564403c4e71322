import { isRealDate } from './dates';
import { at, DefinitionReader, optional, type DefinitionError } from './definition-reader';
import {
  COLUMN_TYPES,
  QUESTION_TYPES,
  type Column,
  type ColumnType,
  type FormDefinition,
  type Option,
  type Page,
  type Question,
  type QuestionType,
  type ShowIf,
  type WelshText,
} from './form-definition.types';
import { isPlainObject, ownValue, type JsonObject } from './json';

export type { DefinitionError } from './definition-reader';

export type DefinitionValidationResult =
  | { ok: true; definition: FormDefinition }
  | { ok: false; errors: DefinitionError[] };

/** Versions end up in URLs and a 32-bit database column. */
const MAX_VERSION = 2_147_483_647;
const KEY_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const KEY_RULE = 'must be a lowercase slug such as "education-advice": letters a-z, digits and single hyphens, starting with a letter (at most 64 characters)';

const COMMON_PROPERTIES = ['id', 'type', 'label', 'required', 'hint', 'cy'];
const TYPE_PROPERTIES: Record<QuestionType, readonly string[]> = {
  readonly: [],
  text: ['maxLength'],
  date: ['min', 'max'],
  radio: ['options'],
  select: ['options'],
  checkboxes: ['options'],
  table: ['columns', 'minRows', 'maxRows'],
};
const ALL_TYPE_PROPERTIES = [...new Set(Object.values(TYPE_PROPERTIES).flat())];

/** What `showIf` needs to know about questions anywhere in the form, including later ones. */
interface QuestionIndexEntry {
  position: number;
  type: unknown;
  optionValues?: string[];
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function isQuestionType(value: unknown): value is QuestionType {
  return (QUESTION_TYPES as readonly unknown[]).includes(value);
}

function isColumnType(value: unknown): value is ColumnType {
  return (COLUMN_TYPES as readonly unknown[]).includes(value);
}

/** Walks the raw pages once so a `showIf` can tell "unknown" from "later" before it is reached. */
function indexQuestions(pages: unknown): Map<string, QuestionIndexEntry> {
  const index = new Map<string, QuestionIndexEntry>();
  let position = 0;
  for (const page of Array.isArray(pages) ? pages : []) {
    const questions = isPlainObject(page) ? ownValue(page, 'questions') : undefined;
    for (const question of Array.isArray(questions) ? questions : []) {
      const current = position++;
      if (!isPlainObject(question)) continue;
      const id = ownValue(question, 'id');
      if (typeof id !== 'string' || index.has(id)) continue;
      const options = ownValue(question, 'options');
      const optionValues = Array.isArray(options)
        ? options.map((option) => (isPlainObject(option) ? ownValue(option, 'value') : undefined)).filter((value): value is string => typeof value === 'string')
        : undefined;
      index.set(id, { position: current, type: ownValue(question, 'type'), optionValues });
    }
  }
  return index;
}

class DefinitionValidator extends DefinitionReader {
  private readonly questionPaths = new Map<string, string>();
  private position = 0;

  constructor(private readonly index: Map<string, QuestionIndexEntry>) {
    super();
  }

  definition(input: unknown): FormDefinition | undefined {
    const root = this.object(input, '', 'an object');
    if (!root) return undefined;
    const key = this.text(root, 'key', '', true);
    if (key !== undefined && (!KEY_PATTERN.test(key) || key.length > 64)) this.report('key', KEY_RULE);
    const version = this.integer(root, 'version', '', 1, true);
    if (version !== undefined && version > MAX_VERSION) this.report('version', `must be a whole number from 1 to ${MAX_VERSION}`);
    const title = this.text(root, 'title', '', true);
    const allowAttachments = this.boolean(root, 'allowAttachments', '');
    const pages = this.pages(root);
    const cy = this.welsh(root, '', ['title']);
    this.unknownProperties(root, '', ['key', 'version', 'title', 'allowAttachments', 'pages', 'cy']);
    return {
      key: key ?? '',
      version: version ?? 0,
      title: title ?? '',
      ...optional('allowAttachments', allowAttachments),
      pages,
      ...optional('cy', cy),
    };
  }

  private pages(root: JsonObject): Page[] {
    const seen = new Map<string, string>();
    const pages: Page[] = [];
    (this.list(root, 'pages', '', true, 'pages') ?? []).forEach((raw, pageIndex) => {
      const path = at('pages', pageIndex);
      const page = this.object(raw, path, 'an object with id, title and questions');
      if (!page) return;
      const id = this.id(page, path);
      if (id !== undefined) this.unique(seen, id, at(path, 'id'), 'page id', path);
      const title = this.text(page, 'title', path, true);
      const questions = this.questions(page, path);
      const cy = this.welsh(page, path, ['title']);
      this.unknownProperties(page, path, ['id', 'title', 'questions', 'cy']);
      pages.push({ id: id ?? '', title: title ?? '', questions, ...optional('cy', cy) });
    });
    return pages;
  }

  private questions(page: JsonObject, pagePath: string): Question[] {
    const questions: Question[] = [];
    (this.list(page, 'questions', pagePath, true, 'questions') ?? []).forEach((raw, questionIndex) => {
      const position = this.position++;
      const question = this.question(raw, at(at(pagePath, 'questions'), questionIndex), position);
      if (question) questions.push(question);
    });
    return questions;
  }

  private question(raw: unknown, path: string, position: number): Question | undefined {
    const object = this.object(raw, path, 'an object with id, type and label');
    if (!object) return undefined;
    const id = this.id(object, path);
    if (id !== undefined) this.unique(this.questionPaths, id, at(path, 'id'), 'question id', path);
    const rawType = ownValue(object, 'type');
    const type = isQuestionType(rawType) ? rawType : undefined;
    if (rawType === undefined) this.report(at(path, 'type'), 'is required');
    else if (!type) this.report(at(path, 'type'), `must be one of ${QUESTION_TYPES.join(', ')}`);
    const label = this.text(object, 'label', path, true);
    const required = this.boolean(object, 'required', path);
    if (type === 'readonly' && required === true) this.report(at(path, 'required'), 'a readonly question cannot be required');
    const hint = this.text(object, 'hint', path, false);
    const cy = this.welsh(object, path, ['label', 'hint']);
    const rawShowIf = ownValue(object, 'showIf');
    const showIf = rawShowIf === undefined ? undefined : this.showIf(rawShowIf, at(path, 'showIf'), id, position);
    const allowed = [...COMMON_PROPERTIES, 'showIf', ...(type ? TYPE_PROPERTIES[type] : ALL_TYPE_PROPERTIES)];
    const extras = type ? this.extras(object, path, type, 'question') : {};
    const table = type === 'table' ? { columns: this.columns(object, path), ...this.rowLimits(object, path) } : { columns: [] };
    this.unknownProperties(object, path, allowed, (property) =>
      type && ALL_TYPE_PROPERTIES.includes(property) ? `${article(type)} ${type} question does not take ${property}` : undefined,
    );
    if (!type) return undefined;
    // `type` comes second so the normalised JSON reads like the published samples.
    const common = {
      id: id ?? '',
      type,
      label: label ?? '',
      ...optional('hint', hint),
      ...optional('required', type === 'readonly' ? undefined : required),
      ...optional('showIf', showIf),
      ...optional('cy', cy),
    };
    switch (type) {
      case 'readonly':
        return { ...common, type };
      case 'text':
        return { ...common, type, ...optional('maxLength', extras.maxLength) };
      case 'date':
        return { ...common, type, ...optional('min', extras.min), ...optional('max', extras.max) };
      case 'radio':
      case 'select':
      case 'checkboxes':
        return { ...common, type, options: extras.options ?? [] };
      case 'table':
        return { ...common, type, ...table };
    }
  }

  /** Properties that depend on the type and mean the same on a question and on a column. */
  private extras(object: JsonObject, path: string, type: QuestionType, noun: 'question' | 'column'): Partial<Column> {
    switch (type) {
      case 'text':
        return optional('maxLength', this.integer(object, 'maxLength', path, 1));
      case 'date': {
        const min = this.date(object, 'min', path);
        const max = this.date(object, 'max', path);
        if (min !== undefined && max !== undefined && min > max) this.report(at(path, 'min'), `must not be after max (${max})`);
        return { ...optional('min', min), ...optional('max', max) };
      }
      case 'radio':
      case 'select':
      case 'checkboxes':
        return { options: this.options(object, path, `${article(type)} ${type} ${noun}`) };
      default:
        return {};
    }
  }

  private rowLimits(object: JsonObject, path: string): { minRows?: number; maxRows?: number } {
    const minRows = this.integer(object, 'minRows', path, 0);
    const maxRows = this.integer(object, 'maxRows', path, 1);
    if (minRows !== undefined && maxRows !== undefined && minRows > maxRows) {
      this.report(at(path, 'minRows'), `must not be more than maxRows (${maxRows})`);
    }
    return { ...optional('minRows', minRows), ...optional('maxRows', maxRows) };
  }

  private options(object: JsonObject, path: string, owner: string): Option[] {
    if (ownValue(object, 'options') === undefined) {
      this.report(at(path, 'options'), `is required for ${owner}`);
      return [];
    }
    const seen = new Map<string, string>();
    const options: Option[] = [];
    (this.list(object, 'options', path, true, 'options') ?? []).forEach((raw, optionIndex) => {
      const optionPath = at(at(path, 'options'), optionIndex);
      const option = this.object(raw, optionPath, 'an object with value and label');
      if (!option) return;
      const value = this.text(option, 'value', optionPath, true);
      if (value !== undefined) this.unique(seen, value, at(optionPath, 'value'), 'option value', optionPath);
      const label = this.text(option, 'label', optionPath, true);
      const cy = this.welsh(option, optionPath, ['label']);
      this.unknownProperties(option, optionPath, ['value', 'label', 'cy']);
      options.push({ value: value ?? '', label: label ?? '', ...optional('cy', cy) });
    });
    return options;
  }

  private columns(table: JsonObject, tablePath: string): Column[] {
    const seen = new Map<string, string>();
    const columns: Column[] = [];
    (this.list(table, 'columns', tablePath, true, 'columns') ?? []).forEach((raw, columnIndex) => {
      const path = at(at(tablePath, 'columns'), columnIndex);
      const column = this.object(raw, path, 'an object with id, type and label');
      if (!column) return;
      const id = this.id(column, path);
      if (id !== undefined) this.unique(seen, id, at(path, 'id'), 'column id', path);
      const rawType = ownValue(column, 'type');
      const type = isColumnType(rawType) ? rawType : undefined;
      if (rawType === undefined) this.report(at(path, 'type'), 'is required');
      else if (!type) this.report(at(path, 'type'), `must be one of ${COLUMN_TYPES.join(', ')}`);
      const label = this.text(column, 'label', path, true);
      const required = this.boolean(column, 'required', path);
      const hint = this.text(column, 'hint', path, false);
      const cy = this.welsh(column, path, ['label', 'hint']);
      const extras = type ? this.extras(column, path, type, 'column') : {};
      const columnProperties = ['maxLength', 'min', 'max', 'options'];
      this.unknownProperties(column, path, [...COMMON_PROPERTIES, ...(type ? TYPE_PROPERTIES[type] : columnProperties)], (property) =>
        type && columnProperties.includes(property) ? `${article(type)} ${type} column does not take ${property}` : undefined,
      );
      if (!type) return;
      columns.push({
        id: id ?? '',
        type,
        label: label ?? '',
        ...optional('hint', hint),
        ...optional('required', required),
        ...extras,
        ...optional('cy', cy),
      });
    });
    return columns;
  }

  /**
   * The node's Welsh (`cy`): an object of non-empty strings for the texts the node has in English
   * (`title`; `label`; `hint` only beside an English hint, which stays the fallback).
   */
  private welsh(object: JsonObject, path: string, texts: readonly ('title' | 'label' | 'hint')[]): WelshText | undefined {
    if (ownValue(object, 'cy') === undefined) return undefined;
    const cyPath = at(path, 'cy');
    const cy = this.object(ownValue(object, 'cy'), cyPath, `an object with the Welsh ${texts.join(', ')}`);
    if (!cy) return undefined;
    const out: WelshText = {};
    for (const text of texts) {
      const value = this.text(cy, text, cyPath, false);
      if (value === undefined) continue;
      if (text === 'hint' && ownValue(object, 'hint') === undefined) {
        this.report(at(cyPath, 'hint'), 'needs an English hint beside it (English is shown where Welsh is missing)');
        continue;
      }
      out[text] = value;
    }
    this.unknownProperties(cy, cyPath, texts);
    return Object.keys(out).length > 0 ? out : undefined;
  }

  private showIf(raw: unknown, path: string, ownId: string | undefined, position: number): ShowIf | undefined {
    const object = this.object(raw, path, 'an object with questionId and equals');
    if (!object) return undefined;
    const questionId = this.text(object, 'questionId', path, true);
    const equals = this.text(object, 'equals', path, true);
    this.unknownProperties(object, path, ['questionId', 'equals']);
    if (questionId === undefined) return undefined;
    const target = this.index.get(questionId);
    const targetPath = at(path, 'questionId');
    if (!target) this.report(targetPath, `refers to an unknown question "${questionId}"`);
    else if (questionId === ownId) this.report(targetPath, 'cannot refer to the question itself');
    else if (target.position > position) this.report(targetPath, `must refer to an earlier question, but "${questionId}" comes later`);
    else if (target.type === 'table' || target.type === 'readonly') {
      this.report(targetPath, `cannot refer to a ${target.type} question`);
    } else if (equals !== undefined && target.optionValues?.length && !target.optionValues.includes(equals)) {
      this.report(at(path, 'equals'), `must be one of the option values of "${questionId}": ${target.optionValues.join(', ')}`);
    } else if (equals !== undefined && target.type === 'date' && !isRealDate(equals)) {
      this.report(at(path, 'equals'), 'must be a real date in the format YYYY-MM-DD, as its question is a date');
    }
    return equals === undefined ? undefined : { questionId, equals };
  }

  private unique(seen: Map<string, string>, value: string, path: string, what: string, owner = path): void {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, owner);
    else this.report(path, `duplicate ${what} "${value}" (already used at ${first})`);
  }
}

/**
 * Checks an untrusted form definition. On success returns a fresh copy holding only the known
 * properties, so nothing the caller passed in is shared or kept.
 */
export function validateDefinition(input: unknown): DefinitionValidationResult {
  const pages = isPlainObject(input) ? ownValue(input, 'pages') : undefined;
  const validator = new DefinitionValidator(indexQuestions(pages));
  const definition = validator.definition(input);
  if (!definition || validator.errors.length > 0) return { ok: false, errors: validator.errors };
  return { ok: true, definition };
}
