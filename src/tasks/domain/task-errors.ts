import { DomainError, ForbiddenError, NotFoundError } from '../../shared/errors/domain-error';
import type { AnswerError } from '../../../libs/form-schema/src';

/** Not yours and not there answer alike (API.md conventions). */
export class TaskNotFoundError extends NotFoundError {
  constructor() {
    super('There is no such task, or it is not yours.');
  }
}

export class PickupRequiredError extends ForbiddenError {
  constructor() {
    super('pickup_required', 'Pick this task up before opening it');
  }
}

export class TaskSubmittedError extends DomainError {
  constructor() {
    super('task_submitted', 'conflict', 'This form has already been submitted', {
      detail: 'A submitted form can no longer be changed.',
    });
  }
}

export class AlreadySubmittedError extends DomainError {
  constructor() {
    super('already_submitted', 'conflict', 'This form has already been submitted');
  }
}

/** Submit runs the complete-mode checks over the whole form; every problem is listed, in form order. */
export class SubmissionIncompleteError extends DomainError {
  /** `errorsIn`: the same errors with their messages in the reader's language (see DomainErrorOptions). */
  constructor(errors: AnswerError[], errorsIn?: (language: 'en' | 'cy') => AnswerError[]) {
    super('validation_failed', 'invalid', 'The form is not ready to submit', {
      detail: 'Answer or correct the questions listed, then submit again. Nothing was submitted.',
      errors,
      errorsIn,
    });
  }
}

export type AnswerRefusalCode = 'invalid_answers' | 'read_only' | 'unknown_question';

export class InvalidAnswersError extends DomainError {
  constructor(code: AnswerRefusalCode, errors: AnswerError[], errorsIn?: (language: 'en' | 'cy') => AnswerError[]) {
    const titles: Record<AnswerRefusalCode, string> = {
      invalid_answers: 'Some answers are not valid',
      read_only: 'Some answers are read-only and cannot be changed',
      unknown_question: 'Some answers are for questions that are not on this form',
    };
    super(code, 'invalid', titles[code], { detail: 'Nothing was saved.', errors, errorsIn });
  }
}

export class UnknownPageError extends DomainError {
  constructor(pageId: string) {
    super('unknown_page', 'invalid', 'There is no such page on this form', { detail: `No page has the id "${pageId}".` });
  }
}

export class ExternalRefConflictError extends DomainError {
  constructor(detail = 'A task with this externalRef was already delegated with a different request.') {
    super('external_ref_conflict', 'conflict', 'This externalRef is already used', { detail });
  }
}

export class InvalidDelegationError extends DomainError {
  constructor(errors: { path: string; message: string }[]) {
    super('invalid_delegation', 'invalid', 'The delegation is not valid', { errors });
  }
}

export class UnknownFormError extends DomainError {
  constructor(key: string, version: number) {
    super('unknown_form', 'invalid', 'This form version has not been published', {
      detail: `Publish version ${version} of "${key}" before delegating it.`,
    });
  }
}

export class InvalidPrefillError extends DomainError {
  constructor(errors: { questionId: string; message: string }[]) {
    super('invalid_prefill', 'invalid', 'Prefill is only for read-only questions of this form', { errors });
  }
}

export class UnknownWorkGroupError extends DomainError {
  constructor(key: string) {
    super('unknown_work_group', 'invalid', 'There is no such work group', { detail: `No work group has the key "${key}".` });
  }
}

export class AssigneeDisabledError extends DomainError {
  constructor() {
    super('assignee_disabled', 'invalid', 'The assignee’s account is disabled');
  }
}

export class InvalidAssigneeEmailError extends DomainError {
  constructor() {
    super('invalid_email', 'invalid', 'The assignee email address is not valid');
  }
}

export class AttachmentsNotAllowedError extends DomainError {
  constructor() {
    super('attachments_not_allowed', 'invalid', 'This form does not take attachments');
  }
}

export class TooManyAttachmentsError extends DomainError {
  constructor(limit: number) {
    super('too_many_attachments', 'invalid', 'This task has the most attachments allowed', {
      detail: `A task can have at most ${limit} attachments. Remove one to add another.`,
    });
  }
}

export class FileTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super('file_too_large', 'too_large', 'The file is too large', {
      detail: `Files must be ${Math.round(limitBytes / 1024 / 1024)} MB or smaller.`,
    });
  }
}

export class UnsupportedFileTypeError extends DomainError {
  constructor(detail = 'Attach a PDF, Word document (.doc or .docx), JPEG or PNG file.') {
    super('unsupported_file_type', 'unsupported', 'The file type is not accepted', { detail });
  }
}

export class VirusDetectedError extends DomainError {
  constructor() {
    super('virus_detected', 'invalid', 'The file contains a virus', {
      detail: 'The file was not saved. Check it with your IT support before trying again.',
    });
  }
}

export class ScannerUnavailableError extends DomainError {
  constructor() {
    super('scanner_unavailable', 'unavailable', 'Files cannot be checked for viruses right now', {
      detail: 'The file was not saved. Try again in a few minutes.',
    });
  }
}

/** This instance has as many uploads in hand and in line as it takes: come back shortly (nothing was read). */
export class UploadsBusyError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('uploads_busy', 'unavailable', 'Too many files are being uploaded right now', {
      detail: 'The file was not saved. Try again in a few seconds.',
      extra: { retryAfterSeconds },
    });
  }
}

export class AlreadyPickedUpError extends DomainError {
  constructor() {
    super('already_picked_up', 'conflict', 'Someone has already picked this task up');
  }
}

export class NotAGroupTaskError extends DomainError {
  constructor() {
    super('not_a_group_task', 'conflict', 'This task was not sent to a work group', {
      detail: 'Only work group tasks can be picked up.',
    });
  }
}

export class InvalidTargetError extends DomainError {
  constructor(detail = 'Choose one of your work groups or a member of one of them.') {
    super('invalid_target', 'invalid', 'The task cannot be re-assigned there', { detail });
  }
}

/**
 * A list cursor that this list did not hand out (or for another sort). The same answer as a malformed
 * request (400 `invalid_request`, naming `cursor`), raised by the use case that decodes it.
 */
export class InvalidCursorError extends DomainError {
  constructor() {
    super('invalid_request', 'bad_request', 'The request is not valid', {
      errors: [{ path: 'cursor', message: 'cursor is not valid for this list: start again without it' }],
    });
  }
}

export class NotInReviewError extends DomainError {
  constructor() {
    super('not_in_review', 'conflict', 'This form was not sent to you for review');
  }
}

export class InvalidReviewerError extends DomainError {
  constructor(detail = 'Choose a colleague from the work group this form came through.') {
    super('invalid_reviewer', 'invalid', 'The form cannot be sent there for review', { detail });
  }
}
