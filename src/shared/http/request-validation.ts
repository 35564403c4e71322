import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { IsObject } from 'class-validator';
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

const FREE_FORM = Symbol('free-form properties');
type WithFreeForm = { [FREE_FORM]?: readonly string[] };

/**
 * A JSON object whose contents the domain judges, not the DTO (a draft's answers, a delegation's
 * prefill: 10-20 KB). The request check is only "an object"; the pipe does not copy it value by
 * value into the DTO (class-transformer would, on every save).
 */
export function FreeFormObject(): PropertyDecorator {
  return (target, key) => {
    IsObject()(target, key);
    const type = target.constructor as WithFreeForm;
    type[FREE_FORM] = [...(type[FREE_FORM] ?? []), String(key)];
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const freeForm = (metadata.metatype as WithFreeForm | undefined)?.[FREE_FORM];
    if (!freeForm || !isPlainObject(value)) return super.transform(value, metadata);
    // Validate with an empty object standing in for each free-form one (anything else stays, so
    // "not an object" is still reported), then hand the originals on.
    const held: Record<string, unknown> = {};
    const stand = { ...value };
    for (const key of freeForm) {
      if (Object.hasOwn(value, key) && isPlainObject(value[key])) {
        held[key] = value[key];
        stand[key] = {};
      }
    }
    const result = (await super.transform(stand, metadata)) as Record<string, unknown>;
    return Object.assign(result, held);
  }
}

export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidRequestError(flatten(errors)),
  });
}
