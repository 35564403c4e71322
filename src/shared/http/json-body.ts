import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError } from '../errors/domain-error';
import { InvalidRequestError } from './request-validation';

/** Deeper than any real request (a form definition is about 10 levels): refused before any code recurses into it. */
export const MAX_JSON_DEPTH = 64;

/**
 * More values than any real request holds (a form definition with long option lists: a few thousand).
 * Validation walks every value, so a 2 MB body of tiny values would otherwise hold the event loop for
 * seconds (measured: 500k array items, 3-4 s).
 */
export const MAX_JSON_VALUES = 20_000;

/**
 * Keys that only ever arrive to pollute or shadow prototypes: `prototype` and every name an object
 * inherits (`__proto__`, `constructor`, `valueOf`, `toString`, …). No property of the API is named so,
 * and plain-object lookups downstream (class-validator's whitelist among them) take inherited names
 * for known ones, so `{"address":{"valueOf":"x"}}` would otherwise be stored as it is.
 */
const POISONED_KEYS = new Set(['prototype', ...Object.getOwnPropertyNames(Object.prototype)]);
/** NUL and unpaired UTF-16 surrogates: no column can store them faithfully (PostgreSQL refuses the first, mangles the second). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

class UnsupportedCharsetError extends DomainError {
  constructor() {
    super('unsupported_media_type', 'unsupported', 'Send the request as application/json in UTF-8');
  }
}

/**
 * The parser for every JSON body: UTF-8 only (RFC 8259), a byte-order mark tolerated, and anything no
 * handler should ever see refused as 400 `invalid_request` before routing to it — prototype keys at
 * any depth, NUL or lone surrogates in any string or key, absurd nesting or numbers of values.
 */
export function parseJsonBody(contentType: string | undefined, text: string): unknown {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) throw new UnsupportedCharsetError();
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') throw new InvalidRequestError([{ path: '', message: 'the body is empty: send a JSON object' }]);
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    throw new InvalidRequestError([{ path: '', message: 'the body is not valid JSON' }]);
  }
  // Every body of this API is an object: a bare null, string, number or boolean is a wrong JSON type
  // (and null would otherwise reach a DTO as "no changes"). A list is left to the route to name.
  if (value === null || typeof value !== 'object') {
    throw new InvalidRequestError([{ path: '', message: 'the body must be a JSON object' }]);
  }
  const problem = inspect(value, MAY_HOLD_UNSTORABLE.test(source));
  if (problem) throw new InvalidRequestError([problem]);
  return value;
}

/**
 * A string can hold NUL only through a `\u0000` escape (JSON refuses raw control characters), and a
 * surrogate only raw or through a `\uD8xx`-`\uDFxx` escape: a body without any of these (nearly every
 * real one) needs no string checked.
 */
const MAY_HOLD_UNSTORABLE = /\\u(?:0000|[dD][89a-fA-F])|[\uD800-\uDFFF]/;

interface Frame {
  value: unknown;
  parent: Frame | undefined;
  key: string | number | undefined;
  depth: number;
}

/** The path of a value (`a[0].b`), built only for the one that is reported. */
function pathOf(frame: Frame): string {
  const parts: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) parts.unshift(f.key);
  return parts.reduce<string>((path, k) => (typeof k === 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k), '');
}

/** Walks the parsed value without recursion (its depth is what is being checked). */
function inspect(root: unknown, checkStrings: boolean): { path: string; message: string } | undefined {
  const stack: Frame[] = [{ value: root, parent: undefined, key: undefined, depth: 0 }];
  let values = 0;
  while (stack.length) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    if (++values > MAX_JSON_VALUES) return { path: '', message: `the body holds more than ${MAX_JSON_VALUES} values` };
    if (typeof value === 'string') {
      if (checkStrings && UNSTORABLE.test(value)) {
        const path = pathOf(frame);
        return { path, message: `${path || 'the body'} contains a NUL character or an unpaired surrogate` };
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { path: pathOf(frame), message: `the body is nested more than ${MAX_JSON_DEPTH} levels deep` };
    if (Array.isArray(value)) {
      if (value.length > MAX_JSON_VALUES)
        return { path: pathOf(frame), message: `${pathOf(frame) || 'the body'} holds more than ${MAX_JSON_VALUES} values` };
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], parent: frame, key: i, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: Frame = { value: (value as Record<string, unknown>)[key], parent: frame, key, depth: depth + 1 };
      if (POISONED_KEYS.has(key)) return { path: pathOf(child), message: `${key} is not allowed` };
      if (checkStrings && UNSTORABLE.test(key)) return { path: '', message: 'a property name contains a NUL character or an unpaired surrogate' };
      stack.push(child);
    }
  }
  return undefined;
}

/** The one route config flag that lets a route take multipart/form-data (attachment uploads). */
export const MULTIPART_ROUTE = { multipart: true } as const;

class MultipartNotAcceptedError extends DomainError {
  constructor() {
    super('unsupported_media_type', 'unsupported', 'Send the request as application/json');
  }
}

// ignoreBOM keeps a byte-order mark in the text, so parseJsonBody tolerates exactly one.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * JSON bodies through `parseJsonBody` — and no other body parser: Nest's default urlencoded parser is
 * not registered, so an HTML form post is 415 like any other unexpected type. Multipart only where a
 * route asks for it (elsewhere the multipart parser would leave the body empty and let a write through
 * as if it were `{}`).
 */
export function registerRequestParsing(app: NestFastifyApplication, bodyLimit: number): void {
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    try {
      let text: string;
      try {
        text = UTF8.decode(body);
      } catch {
        throw new InvalidRequestError([{ path: '', message: 'the body is not valid UTF-8' }]);
      }
      done(null, parseJsonBody(request.headers['content-type'], text));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (request, _reply, done) => {
      const config = request.routeOptions?.config as { multipart?: boolean } | undefined;
      const multipart = (request as { isMultipart?: () => boolean }).isMultipart;
      if (multipart?.call(request) && !config?.multipart) return done(new MultipartNotAcceptedError());
      // A percent-encoded NUL (%00) decodes fine but no query can compare with it. Only an escape can
      // bring one (or a surrogate) into a decoded path or query: HTTP's parser refuses a raw NUL, and a
      // raw byte becomes one character below U+0100. So a URL without '%' — nearly every one — is clean.
      if (!request.url.includes('%')) return done();
      for (const [where, values] of [
        ['path', request.params],
        ['query', request.query],
      ] as const) {
        for (const [name, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
          if ([value].flat().some((v) => typeof v === 'string' && UNSTORABLE.test(v))) {
            return done(
              new InvalidRequestError([
                { path: `${where}.${name}`, message: `${name} contains a NUL character or an unpaired surrogate` },
              ]),
            );
          }
        }
      }
      done();
    });
}
