/**
 * The answer validator's messages by key, in English and Welsh (issue 23). `{name}` marks a value
 * filled in at use: `object`, `subject` and `ref` are the question's label as a phrase (see
 * messages.ts), the rest numbers, dates and quoted keys. English phrases follow the label's grammar
 * ("Enter the name of educational setting"); Welsh quotes the label, all three phrases alike
 * ("Rhowch ateb i “Enw’r lleoliad”"), since a label's mutation after a preposition cannot be derived
 * safely. The Welsh
 * was written by the engineers: a Welsh speaker should review it (docs/records-and-languages.md).
 */
export type MessageLanguage = 'en' | 'cy';

const en = {
  'answer.required.enter': 'Enter {object}',
  'answer.required.select': 'Select {object}',
  'answer.tooLong': '{subject} must be {max} characters or fewer',
  'answer.invalidDate': '{subject} must be a real date',
  'answer.dateTooEarly': '{subject} must be the same as or after {date}',
  'answer.dateTooLate': '{subject} must be the same as or before {date}',
  'answer.invalidOption': 'Select {object} from the options given',
  'answer.notText': '{subject} must be text',
  'answer.readOnly': '{subject} cannot be changed',
  'answer.unknownQuestion': '{key} is not a question on this form',
  'answer.notAnswerSet': 'Answers must be a set of answers keyed by question',
  'table.required': 'Add at least one row to {ref}',
  'table.tooFewRows.one': 'Add at least {min} row to {ref}',
  'table.tooFewRows.other': 'Add at least {min} rows to {ref}',
  'table.tooManyRows.one': '{subject} must have {max} row or fewer',
  'table.tooManyRows.other': '{subject} must have {max} rows or fewer',
  'table.notList': '{subject} must be a list of rows',
  'table.rowNotAnswerSet': 'Row {row} must be a set of answers',
  'table.unknownColumn': 'Row {row} has no column {key}',
  'table.inRow': '{text} in row {row}',
  'table.cell': '{table}: {message}',
  'phrase.quotedObject': 'an answer to "{label}"',
  'phrase.quotedSubject': 'The answer to "{label}"',
  'phrase.quotedRef': '"{label}"',
} as const;

export type FormMessageKey = keyof typeof en;

const cy: Record<FormMessageKey, string> = {
  'answer.required.enter': 'Rhowch ateb i {object}',
  'answer.required.select': 'Dewiswch ateb i {object}',
  'answer.tooLong': 'Rhaid i’r ateb i {subject} fod yn {max} nod neu lai',
  'answer.invalidDate': 'Rhaid i’r ateb i {subject} fod yn ddyddiad go iawn',
  'answer.dateTooEarly': 'Rhaid i’r ateb i {subject} fod ar {date} neu ar ôl hynny',
  'answer.dateTooLate': 'Rhaid i’r ateb i {subject} fod ar {date} neu cyn hynny',
  'answer.invalidOption': 'Dewiswch ateb i {object} o’r dewisiadau a roddwyd',
  'answer.notText': 'Rhaid i’r ateb i {subject} fod yn destun',
  'answer.readOnly': 'Ni ellir newid yr ateb i {subject}',
  'answer.unknownQuestion': 'Nid yw {key} yn gwestiwn ar y ffurflen hon',
  'answer.notAnswerSet': 'Rhaid i’r atebion fod yn set o atebion yn ôl cwestiwn',
  'table.required': 'Ychwanegwch o leiaf un rhes at {ref}',
  'table.tooFewRows.one': 'Ychwanegwch o leiaf {min} rhes at {ref}',
  'table.tooFewRows.other': 'Ychwanegwch o leiaf {min} rhes at {ref}',
  'table.tooManyRows.one': 'Ni chaiff {subject} fod â mwy na {max} rhes',
  'table.tooManyRows.other': 'Ni chaiff {subject} fod â mwy na {max} rhes',
  'table.notList': 'Rhaid i’r ateb i {subject} fod yn rhestr o resi',
  'table.rowNotAnswerSet': 'Rhaid i res {row} fod yn set o atebion',
  'table.unknownColumn': 'Nid oes colofn {key} yn rhes {row}',
  'table.inRow': '{text} yn rhes {row}',
  'table.cell': '{table}: {message}',
  'phrase.quotedObject': '“{label}”',
  'phrase.quotedSubject': '“{label}”',
  'phrase.quotedRef': '“{label}”',
};

export const FORM_MESSAGES: Record<MessageLanguage, Record<FormMessageKey, string>> = { en, cy };

/** The message in a language, `{name}` placeholders filled; English where the Welsh is missing. */
export function formMessage(
  language: MessageLanguage,
  key: FormMessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = FORM_MESSAGES[language][key] || en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
