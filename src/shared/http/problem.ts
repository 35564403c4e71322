import { HttpStatus } from '@nestjs/common';
import { DomainErrorKind } from '../errors/domain-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: unknown[];
  [extra: string]: unknown;
}

export const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  bad_request: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  gone: HttpStatus.GONE,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  too_many: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** `type` is a stable URI per code, so clients can link to an explanation. */
export function problemType(code: string): string {
  return `https://professional-portal.dev/problems/${code.replace(/_/g, '-')}`;
}

export function problem(status: number, code: string, title: string, more: Partial<ProblemDocument> = {}): ProblemDocument {
  return { type: problemType(code), title, status, code, ...more };
}
