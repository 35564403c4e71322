import { DomainError } from '../../shared/errors/domain-error';

/** Why a professional hands a task back to the council. */
export const DECLINE_REASONS = ['not_known', 'wrong_professional', 'duplicate', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Free text is for the case worker; long enough for a paragraph, short enough to stay a note. */
export const MAX_DECLINE_COMMENT = 1000;
export const MAX_MESSAGE_LENGTH = 2000;

export class CommentRequiredError extends DomainError {
  constructor() {
    super('comment_required', 'invalid', 'Say why the task is being returned', {
      detail: 'A comment is needed when the reason is "other".',
    });
  }
}

export class TextTooLongError extends DomainError {
  constructor(field: string, max: number) {
    super('text_too_long', 'invalid', 'The text is too long', {
      detail: `${field} can be at most ${max} characters.`,
      errors: [{ path: field, message: `${field} can be at most ${max} characters` }],
    });
  }
}

export class EmptyMessageError extends DomainError {
  constructor() {
    super('empty_message', 'invalid', 'The message is empty', { detail: 'Write a message before sending it.' });
  }
}

/**
 * Plain text only: control characters other than line breaks and tabs go, Windows line breaks become
 * `\n`, surrounding blank space is trimmed. HTML stays literal text (the client never renders it).
 * Length counts characters (code points), as a person would.
 */
export function plainText(raw: string, field: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
  if ([...text].length > max) throw new TextTooLongError(field, max);
  return text;
}

export function declineComment(reason: DeclineReason, raw: string | undefined): string | null {
  const comment = raw === undefined ? '' : plainText(raw, 'comment', MAX_DECLINE_COMMENT);
  if (reason === 'other' && !comment) throw new CommentRequiredError();
  return comment || null;
}

export function messageBody(raw: string): string {
  const body = plainText(raw, 'body', MAX_MESSAGE_LENGTH);
  if (!body) throw new EmptyMessageError();
  return body;
}
