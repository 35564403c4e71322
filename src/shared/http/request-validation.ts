import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/**
 * 400 `invalid_request` is only for the shape of a request: malformed JSON, unknown or missing
 * properties, wrong JSON types. Domain rules answer 422 with their own code.
 */
export class InvalidRequestError extends DomainError {
  constructor(errors: { path: string; message: string }[]) {
    super('invalid_request', 'bad_request', 'The request is not valid', { errors });
  }
}

function flatten(errors: ValidationError[], prefix = ''): { path: string; message: string }[] {
  return errors.flatMap((e) => {
    const path = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      path,
      message: message.startsWith('property ') ? `${path} is not allowed` : message,
    }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidRequestError(flatten(errors)),
  });
}
