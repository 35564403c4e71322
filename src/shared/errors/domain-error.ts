/**
 * The one error type the domain and application layers throw. The global problem filter maps
 * `kind` to an HTTP status, so no use case ever needs to know about HTTP.
 */
export type DomainErrorKind =
  | 'invalid' // 422: a domain rule refused the input
  | 'bad_request' // 400: e.g. a wrong verification code
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'gone' // 410
  | 'too_large' // 413
  | 'unsupported' // 415
  | 'too_many' // 429
  | 'unavailable'; // 503

export interface DomainErrorOptions {
  detail?: string;
  errors?: unknown[];
  /**
   * The same `errors` with their messages in another language (issue 23), for errors whose messages
   * are built from content (the answer validator's); the HTTP edge calls it with the reader's language.
   */
  errorsIn?: (language: 'en' | 'cy') => unknown[];
  /** Extra members of the problem document (e.g. `retryAfterSeconds`). */
  extra?: Record<string, unknown>;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    readonly title: string,
    readonly options: DomainErrorOptions = {},
  ) {
    super(options.detail ?? title);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(detail?: string) {
    super('not_found', 'not_found', 'Not found', { detail });
  }
}

export class ForbiddenError extends DomainError {
  constructor(code = 'forbidden', title = 'You do not have permission to do this') {
    super(code, 'forbidden', title);
  }
}

export class VersionConflictError extends DomainError {
  constructor() {
    super('version_conflict', 'conflict', 'This was changed by someone else', {
      detail: 'Reload to see the latest version, then try again.',
    });
  }
}
