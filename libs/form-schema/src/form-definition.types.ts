/**
 * The shape of a form definition (API.md "Form definitions") and of the answers it collects.
 * Kept free of runtime dependencies so the web client can bundle it unchanged.
 */

export const QUESTION_TYPES = ['readonly', 'text', 'date', 'radio', 'select', 'checkboxes', 'table'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A table cell can hold any answer kind except another table or read-only prefill. */
export const COLUMN_TYPES = ['text', 'date', 'radio', 'select', 'checkboxes'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * Welsh beside the English (issue 23): any title, label and hint may carry its Welsh in a `cy`
 * object on the same node, e.g. `"label": "Date of birth", "cy": { "label": "Dyddiad geni" }`. The
 * form is shown in the reader's language (`localizeDefinition`); English where no Welsh is given.
 */
export interface WelshText {
  title?: string;
  label?: string;
  hint?: string;
}

export interface FormDefinition {
  key: string;
  version: number;
  title: string;
  allowAttachments?: boolean;
  pages: Page[];
  cy?: Pick<WelshText, 'title'>;
}

export interface Page {
  id: string;
  title: string;
  questions: Question[];
  cy?: Pick<WelshText, 'title'>;
}

export interface Option {
  value: string;
  label: string;
  cy?: Pick<WelshText, 'label'>;
}

/** The question is shown only while the (earlier) controlling question's answer equals `equals`. */
export interface ShowIf {
  questionId: string;
  equals: string;
}

interface QuestionBase {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  showIf?: ShowIf;
  cy?: Pick<WelshText, 'label' | 'hint'>;
}

/** Shows a `prefill` value sent by the case system; never takes an answer. */
export interface ReadonlyQuestion extends QuestionBase {
  type: 'readonly';
}

export interface TextQuestion extends QuestionBase {
  type: 'text';
  /** Counted in Unicode code points, as a person counts characters. */
  maxLength?: number;
}

export interface DateQuestion extends QuestionBase {
  type: 'date';
  /** Inclusive bound, `YYYY-MM-DD`. */
  min?: string;
  /** Inclusive bound, `YYYY-MM-DD`. */
  max?: string;
}

export interface RadioQuestion extends QuestionBase {
  type: 'radio';
  options: Option[];
}

export interface SelectQuestion extends QuestionBase {
  type: 'select';
  options: Option[];
}

export interface CheckboxesQuestion extends QuestionBase {
  type: 'checkboxes';
  options: Option[];
}

export interface TableQuestion extends QuestionBase {
  type: 'table';
  columns: Column[];
  minRows?: number;
  maxRows?: number;
}

export type Question =
  | ReadonlyQuestion
  | TextQuestion
  | DateQuestion
  | RadioQuestion
  | SelectQuestion
  | CheckboxesQuestion
  | TableQuestion;

export type ChoiceQuestion = RadioQuestion | SelectQuestion | CheckboxesQuestion;

/**
 * A table column. Flat rather than a union so renderers can read `options`/`maxLength` directly;
 * `validateDefinition` guarantees each property only appears on the column types that take it.
 */
export interface Column {
  id: string;
  type: ColumnType;
  label: string;
  required?: boolean;
  hint?: string;
  maxLength?: number;
  min?: string;
  max?: string;
  options?: Option[];
  cy?: Pick<WelshText, 'label' | 'hint'>;
}

/** A table cell: text/date/radio/select → string, checkboxes → option values. */
export type CellValue = string | string[] | null;

/** One table row, keyed by column id. */
export type TableRow = Record<string, CellValue>;

/**
 * text → string; date → `YYYY-MM-DD`; radio/select → an option value; checkboxes → option values;
 * table → rows. `null` means "no answer".
 */
export type AnswerValue = string | string[] | TableRow[] | null;

/** Keyed by question id. */
export type Answers = Record<string, AnswerValue>;
