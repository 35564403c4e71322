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

/** How many distinct query strings are remembered per query DTO (oldest forgotten first). */
const QUERY_MEMO_SIZE = 256;
/** Longer query strings (a cursor, a search) are validated every time rather than kept. */
const QUERY_MEMO_KEY_LIMIT = 512;

/**
 * Query strings that passed validation, per query DTO, with the DTO they became. Validating a query
 * is a pure function of its text, and the same few come back all the time (every open list asks for
 * its first page with the same query): class-validator took ~30 µs of a list request's ~1 ms of CPU
 * (BENCHMARKS.md, ninth round). Only successes are kept; each request gets its own copy.
 */
class ValidQueries {
  private readonly byType = new WeakMap<object, Map<string, object>>();

  keyOf(value: unknown): string | undefined {
    if (!isPlainObject(value)) return undefined;
    const key = JSON.stringify(value);
    return key.length <= QUERY_MEMO_KEY_LIMIT ? key : undefined;
  }

  find(type: new () => object, key: string): object | undefined {
    const kept = this.byType.get(type)?.get(key);
    return kept && Object.assign(new type(), kept);
  }

  keep(type: new () => object, key: string, dto: unknown): void {
    if (!isPlainObject(dto)) return;
    let kept = this.byType.get(type);
    if (!kept) this.byType.set(type, (kept = new Map()));
    if (kept.size >= QUERY_MEMO_SIZE) kept.delete(kept.keys().next().value!);
    kept.set(key, { ...dto });
  }
}

class RequestValidationPipe extends ValidationPipe {
  private readonly validQueries = new ValidQueries();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype as (new () => object) | undefined;
    if (metadata.type !== 'query' || !type || !this.toValidate(metadata)) return this.check(value, metadata);
    const key = this.validQueries.keyOf(value);
    if (key === undefined) return this.check(value, metadata);
    const known = this.validQueries.find(type, key);
    if (known) return known;
    const dto = await this.check(value, metadata);
    this.validQueries.keep(type, key, dto);
    return dto;
  }

  private async check(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
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
