import { DomainError } from '../../shared/errors/domain-error';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('invalid_credentials', 'unauthenticated', 'The email address or password is incorrect', {
      detail: 'Check your email address and password and try again.',
    });
  }
}

export class InvalidCodeError extends DomainError {
  constructor() {
    super('invalid_code', 'bad_request', 'The code is incorrect', {
      detail: 'Check the code in the email we sent you and try again.',
    });
  }
}

export class ChallengeGoneError extends DomainError {
  constructor(code: 'registration_expired' | 'challenge_expired' | 'reset_expired') {
    super(code, 'gone', 'This code has expired', {
      detail: 'The code has expired or too many wrong codes were entered. Start again to get a new code.',
    });
  }
}

export class ResendTooSoonError extends DomainError {
  constructor(retryAfterSeconds: number | null) {
    super('resend_too_soon', 'too_many', 'You cannot ask for another code yet', {
      detail:
        retryAfterSeconds === null
          ? 'You have asked for the most codes allowed. Start again to get a new code.'
          : `Wait ${retryAfterSeconds} seconds before asking for another code.`,
      extra: retryAfterSeconds === null ? {} : { retryAfterSeconds },
    });
  }
}

export class WeakPasswordError extends DomainError {
  constructor(detail: string) {
    super('weak_password', 'invalid', 'Choose a stronger password', { detail });
  }
}

export class ProfessionalCapacityRequiredError extends DomainError {
  constructor() {
    super('professional_capacity_required', 'invalid', 'Confirm you are using the portal in a professional capacity', {
      detail: 'The Professional Portal is only for professionals working with the council.',
    });
  }
}

export class InvalidEmailError extends DomainError {
  constructor() {
    super('invalid_email', 'invalid', 'Enter an email address in the correct format, like name@example.com');
  }
}

export class InvalidProfileError extends DomainError {
  constructor(errors: { path: string; message: string }[]) {
    super('invalid_profile', 'invalid', 'Some of your details are not valid', { errors });
  }
}

export class InvalidResetTokenError extends DomainError {
  constructor() {
    super('invalid_token', 'bad_request', 'The reset link is not valid', {
      detail: 'Start again from "Forgotten password".',
    });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super('unauthenticated', 'unauthenticated', 'Sign in to continue');
  }
}

export class SessionExpiredError extends DomainError {
  constructor() {
    super('session_expired', 'unauthenticated', 'Your session has expired', {
      detail: 'You were signed out because you were inactive. Sign in again to continue.',
    });
  }
}

export class CsrfError extends DomainError {
  constructor() {
    super('csrf_failed', 'forbidden', 'The request could not be verified', {
      detail: 'Reload the page and try again.',
    });
  }
}
