import { isRealDate, orderedQuestions, type FormDefinition } from '../../../libs/form-schema/src';
import { formatEmailDate } from '../../shared/dates';
import { DomainError } from '../../shared/errors/domain-error';
import { checkPrefill } from './delegation';

/** What the case system may change on a task that is not submitted yet (PATCH /integration/tasks/{externalRef}). */
export interface TaskChangeRequest {
  dueDate?: string;
  /** null or empty clears the note. */
  message?: string | null;
  /** Read-only questions only; a key set to null clears that value. */
  prefill?: Record<string, unknown>;
}

export type ChangedField = 'dueDate' | 'message' | 'prefill';

export interface TaskChange {
  field: ChangedField;
  from?: string;
  to?: string;
}

export class InvalidChangeError extends DomainError {
  constructor(errors: { path: string; message: string }[]) {
    super('invalid_change', 'invalid', 'The change is not valid', { errors });
  }
}

const MAX_MESSAGE = 4000;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function checkChange(request: TaskChangeRequest): void {
  const errors: { path: string; message: string }[] = [];
  if (request.dueDate === undefined && request.message === undefined && request.prefill === undefined) {
    errors.push({ path: '', message: 'give at least one of dueDate, message or prefill' });
  }
  if (request.dueDate !== undefined && !isRealDate(request.dueDate)) {
    errors.push({ path: 'dueDate', message: 'must be a real date in the format YYYY-MM-DD' });
  }
  if (typeof request.message === 'string') {
    if (request.message.length > MAX_MESSAGE) errors.push({ path: 'message', message: `must be at most ${MAX_MESSAGE} characters` });
    else if (CONTROL.test(request.message)) errors.push({ path: 'message', message: 'must not contain control characters' });
  }
  if (errors.length) throw new InvalidChangeError(errors);
}

/** The prefill after the change: given keys replace, null keys clear; only read-only questions (422 invalid_prefill). */
export function mergePrefill(definition: FormDefinition, current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const set = checkPrefill(definition, patch);
  const cleared = Object.entries(patch).filter(([, v]) => v === null).map(([k]) => k);
  const next = { ...current, ...set };
  for (const key of cleared) delete next[key];
  // Keep the definition's question order: the page and the PDF show prefill in that order anyway.
  const order = orderedQuestions(definition).map(({ question }) => question.id);
  return Object.fromEntries(order.filter((id) => id in next).map((id) => [id, next[id]]));
}

/** The sentence the task page shows and the email carries (no child details: dates and field names only). */
export function describeChange(change: TaskChange): string {
  switch (change.field) {
    case 'dueDate':
      return `The due date changed from ${formatEmailDate(change.from!)} to ${formatEmailDate(change.to!)}.`;
    case 'message':
      return "The case worker's note changed.";
    case 'prefill':
      return 'Information filled in by the council changed.';
  }
}
