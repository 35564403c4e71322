import { isRealDate, orderedQuestions, type FormDefinition } from '../../../libs/form-schema/src';
import { canonicalHash } from '../../shared/canonical-json';
import { InvalidAssigneeEmailError, InvalidDelegationError, InvalidPrefillError } from './task-errors';

/** What the case system sends to delegate a form (API.md POST /integration/tasks). */
export interface DelegationRequest {
  externalRef: string;
  form: { key: string; version: number };
  subject: { reference: string; displayName: string };
  prefill?: Record<string, unknown> | null;
  assignee: { email: string } | { workGroupKey: string };
  dueDate: string;
  message?: string | null;
}

const LIMITS = { externalRef: 200, reference: 200, displayName: 200, message: 4000, prefillText: 10_000 };
// Control characters would end up in emails, PDFs and logs.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Emails are compared case-insensitively and stored lower-cased. */
export function normaliseAssigneeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@\p{C}]+@[^\s@\p{C}]+\.[^\s@\p{C}]+$/u.test(email)) throw new InvalidAssigneeEmailError();
  return email;
}

/** The request in canonical form: what "the same body again" means for idempotency. */
export function delegationRequestHash(request: DelegationRequest): string {
  const assignee = 'email' in request.assignee ? { email: normaliseAssigneeEmail(request.assignee.email) } : request.assignee;
  return canonicalHash({
    externalRef: request.externalRef,
    form: request.form,
    subject: request.subject,
    prefill: request.prefill ?? {},
    assignee,
    dueDate: request.dueDate,
    message: request.message ?? null,
  });
}

/** Lengths, formats and dates: 422 `invalid_delegation` with every problem listed. */
export function checkDelegationRequest(request: DelegationRequest): void {
  const errors: { path: string; message: string }[] = [];
  const text = (path: string, value: string, max: number, multiline = false) => {
    if (value.trim() === '') errors.push({ path, message: 'must not be empty' });
    else if (value.length > max) errors.push({ path, message: `must be at most ${max} characters` });
    else if (!multiline && /[\r\n\t]/.test(value)) errors.push({ path, message: 'must be a single line' });
    else if (CONTROL.test(value)) errors.push({ path, message: 'must not contain control characters' });
  };
  text('externalRef', request.externalRef, LIMITS.externalRef);
  text('subject.reference', request.subject.reference, LIMITS.reference);
  text('subject.displayName', request.subject.displayName, LIMITS.displayName);
  if (request.message !== undefined && request.message !== null && request.message.trim() !== '') {
    text('message', request.message, LIMITS.message, true);
  }
  if (!isRealDate(request.dueDate)) errors.push({ path: 'dueDate', message: 'must be a real date in the format YYYY-MM-DD' });
  if (!Number.isSafeInteger(request.form.version) || request.form.version < 1) {
    errors.push({ path: 'form.version', message: 'must be a whole number, 1 or more' });
  }
  if (errors.length) throw new InvalidDelegationError(errors);
}

/**
 * Prefill is only for the definition's read-only questions: text, numbers, true/false or a list
 * of text (how the PDF and the web client can show it). 422 `invalid_prefill` otherwise.
 */
export function checkPrefill(definition: FormDefinition, prefill: Record<string, unknown>): Record<string, unknown> {
  const types = new Map(orderedQuestions(definition).map(({ question }) => [question.id, question.type]));
  const errors: { questionId: string; message: string }[] = [];
  const clean: [string, unknown][] = [];
  for (const [questionId, value] of Object.entries(prefill)) {
    const type = types.get(questionId);
    if (type === undefined) errors.push({ questionId, message: `"${questionId}" is not a question on this form` });
    else if (type !== 'readonly')
      errors.push({ questionId, message: `"${questionId}" is not a read-only question: the professional answers it` });
    else if (!isPrefillValue(value)) errors.push({ questionId, message: 'must be text, a number, true/false or a list of text' });
    else if (value !== null) clean.push([questionId, value]);
  }
  if (errors.length) throw new InvalidPrefillError(errors);
  return Object.fromEntries(clean);
}

function isPrefillValue(value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= LIMITS.prefillText;
  return (
    Array.isArray(value) &&
    value.length <= 100 &&
    value.every((item) => typeof item === 'string' && item.length <= LIMITS.prefillText)
  );
}
