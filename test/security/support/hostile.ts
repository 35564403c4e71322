import fc from 'fast-check';
import request from 'supertest';

/**
 * Hostile variants of a valid request, as small printable descriptors (fast-check reports and
 * shrinks these; the megabyte payloads are only built when a variant is sent).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = (string | number)[];

export type BodyVariant =
  | { kind: 'malformed-json'; text: string }
  | { kind: 'truncated-json'; at: number }
  | { kind: 'not-an-object'; value: Json }
  | { kind: 'content-type'; contentType: string }
  | { kind: 'form-encoded' }
  | { kind: 'prototype-key'; path: Path; key: '__proto__' | 'constructor' | 'prototype' }
  | { kind: 'unknown-property'; path: Path; name: string }
  | { kind: 'wrong-type'; path: Path; value: Json }
  | { kind: 'huge-string'; path: Path; unit: string }
  | { kind: 'huge-array'; path: Path }
  | { kind: 'deep-nesting'; path: Path; shape: 'array' | 'object' }
  | { kind: 'forbidden-character'; path: Path; char: string; at: 'start' | 'middle' | 'end' }
  | { kind: 'tricky-unicode'; path: Path; piece: string; at: 'start' | 'middle' | 'end' };

export const MEGABYTE = 1024 * 1024;
export const DEPTH = 1000;

/** Characters no field of the API can hold faithfully: NUL and unpaired UTF-16 surrogates. */
export const FORBIDDEN_CHARACTERS = ['\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D'];
/**
 * Never legitimate in an id, a code, a key, a date, an enum value — nor inside an email address:
 * control, invisible and bidi-override characters, inner whitespace, non-characters (Unicode \p{C}).
 */
export const INVISIBLE_UNICODE = ['\u202E', '\u200F', '\u200B', '\u2060', '\u0007', '\uFFFF', '\u{10FFFF}', '\u2028', '\t', ' '];
/**
 * Legitimate in free text (a name may be Arabic or carry an emoji) and even in an internationalised
 * email address, but never in an id, a code, a key, a date or an enum value.
 */
export const VISIBLE_UNICODE = ['😀', '👩‍👩‍👧', 'ß', 'İ', 'ｅ', '\u0301', '\uFEFF', '١'];

export const MALFORMED_JSON = [
  '{',
  '}',
  '{"a":}',
  '{"a":1,}',
  "{'a':1}",
  '{a:1}',
  '[1,2',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":undefined}',
  '{"a":01}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '{"a":"unterminated}',
  '{"a":1}{"b":2}',
  '{"a":1} trailing',
  '\uFEFF',
  '\uFEFF\uFEFF{}',
  '{"a":1/*c*/}',
  '{"a":"\n"}',
  'null null',
  '',
  ' ',
  '\u0000',
  '{"__proto__":{"polluted_by_test":true}}',
  '{"constructor":{"prototype":{"polluted_by_test":true}}}',
];

export const WRONG_CONTENT_TYPES = [
  'text/plain',
  'text/html',
  'application/xml',
  'text/xml',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'application/javascript',
  'application/x-yaml',
  'image/png',
  'application/vnd.api+json',
  'application/json-patch+json',
  'multipart/form-data; boundary=----x',
  'application/json; charset=utf-16',
  'application/jsonx',
];

/** Every node below the root, with its value. */
export function nodesOf(value: Json, prefix: Path = []): { path: Path; value: Json }[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [{ path: [...prefix, key], value: child }, ...nodesOf(child, [...prefix, key])]);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function setAt(root: Json, path: Path, replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = clone(root) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path[path.length - 1]] = replacement;
  return copy as Json;
}

function objectAt(root: Json, path: Path): Record<string, Json> | undefined {
  let node: Json = root;
  for (const key of path) node = (node as Record<string | number, Json>)[key];
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? node : undefined;
}

const PLACEHOLDER = '"__hostile_placeholder__"';

function insert(text: string, piece: string, at: 'start' | 'middle' | 'end'): string {
  if (at === 'start') return piece + text;
  if (at === 'end') return text + piece;
  const middle = Math.floor(text.length / 2);
  return text.slice(0, middle) + piece + text.slice(middle);
}

function jsonTypeOf(value: Json): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** The raw request body (and its content type) for a variant of `base`. */
export function materialise(base: Json, v: BodyVariant): { contentType: string; text: string } {
  const json = (value: Json) => ({ contentType: 'application/json', text: JSON.stringify(value) });
  switch (v.kind) {
    case 'malformed-json':
      return { contentType: 'application/json', text: v.text };
    case 'truncated-json': {
      const text = JSON.stringify(base);
      return { contentType: 'application/json', text: text.slice(0, Math.max(1, Math.min(v.at, text.length - 1))) };
    }
    case 'not-an-object':
      return json(v.value);
    case 'content-type':
      return { contentType: v.contentType, text: JSON.stringify(base) };
    case 'form-encoded': {
      // What an HTML form on another site would post: the same fields, form-encoded.
      const fields = Object.entries((base ?? {}) as Record<string, Json>).map(([k, value]): [string, string] => [
        k,
        typeof value === 'object' ? JSON.stringify(value) : String(value),
      ]);
      return { contentType: 'application/x-www-form-urlencoded', text: new URLSearchParams(fields).toString() };
    }
    case 'prototype-key':
    case 'unknown-property': {
      const target = clone(base) as Json;
      const object = objectAt(target, v.path)!;
      const key = v.kind === 'prototype-key' ? v.key : v.name;
      object['__hostile_key__'] =
        v.kind === 'prototype-key' ? { polluted_by_test: true, prototype: { polluted_by_test: true } } : 'x';
      return { contentType: 'application/json', text: JSON.stringify(target).replace('"__hostile_key__"', JSON.stringify(key)) };
    }
    case 'wrong-type':
      return json(setAt(base, v.path, v.value));
    case 'huge-string':
      return json(setAt(base, v.path, v.unit.repeat(Math.ceil(MEGABYTE / Buffer.byteLength(v.unit)))));
    case 'huge-array':
      return json(setAt(base, v.path, new Array<Json>(MEGABYTE / 2).fill(1)));
    case 'deep-nesting': {
      const open = v.shape === 'array' ? '['.repeat(DEPTH) : '{"a":'.repeat(DEPTH);
      const close = v.shape === 'array' ? ']'.repeat(DEPTH) : '}'.repeat(DEPTH);
      const text = JSON.stringify(setAt(base, v.path, '__hostile_placeholder__')).replace(PLACEHOLDER, `${open}1${close}`);
      return { contentType: 'application/json', text };
    }
    case 'forbidden-character':
    case 'tricky-unicode': {
      const original = nodesOf(base).find((n) => JSON.stringify(n.path) === JSON.stringify(v.path))!.value as string;
      const piece = v.kind === 'forbidden-character' ? v.char : v.piece;
      return json(setAt(base, v.path, insert(original, piece, v.at)));
    }
  }
}

/** A value of another JSON type than `value` (and never null: null is legitimately "clear this" for some fields). */
function wrongTypeFor(value: Json, blankIsUnanswered: boolean): fc.Arbitrary<Json> {
  const type = jsonTypeOf(value);
  const options: fc.Arbitrary<Json>[] = [];
  // Where a blank string or an empty list means "no answer" (a form's answers), neither is a wrong type.
  if (type !== 'string') options.push(fc.string({ maxLength: 20 }).filter((s) => !blankIsUnanswered || s.trim() !== ''));
  if (type !== 'number')
    options.push(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(1e308)));
  if (type !== 'boolean') options.push(fc.boolean());
  if (type !== 'array')
    options.push(
      fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { minLength: blankIsUnanswered ? 1 : 0, maxLength: 3 }),
    );
  if (type !== 'object')
    options.push(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }) as fc.Arbitrary<Json>,
    );
  return fc.oneof(...options);
}

export interface BodyRules {
  /**
   * Dotted paths (array indexes as `*`) of strings that are ids, codes, keys, dates or enum values
   * (`token`: no unusual character at all) or email addresses (`email`: nothing invisible inside).
   */
  strict?: Record<string, 'token' | 'email'>;
  /** Dotted paths whose value may be text, a number, true/false or a list of text (prefill): only objects and lists of numbers are wrong there. */
  looselyTyped?: string[];
  /** Dotted paths of strings no length applies to because they are never stored (a 1 MB value is read and dropped). */
  unbounded?: string[];
  /**
   * Dotted path prefixes (e.g. `answers.`) where a blank string or an empty list is "no answer"
   * (the form's rule, libs/form-schema `isBlank`): a draft may hold one for any question.
   */
  blankIsUnanswered?: string[];
}

export const dotted = (path: Path) => path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');

/** Hostile variants of a JSON body. Every one of them must be refused with a 4xx. */
export function bodyVariants(base: Json, rules: BodyRules = {}): fc.Arbitrary<BodyVariant> {
  const nodes = nodesOf(base);
  const strings = nodes.filter((n) => typeof n.value === 'string');
  const kindOf = (n: { path: Path }) => rules.strict?.[dotted(n.path)];
  const tokens = strings.filter((n) => kindOf(n) === 'token');
  const emails = strings.filter((n) => kindOf(n) === 'email');
  const objects: Path[] = [[], ...nodes.filter((n) => jsonTypeOf(n.value) === 'object').map((n) => n.path)];
  const anyPath = nodes.length ? fc.constantFrom(...nodes.map((n) => n.path)) : undefined;
  const at = fc.constantFrom<'start' | 'middle' | 'end'>('start', 'middle', 'end');

  const variants: fc.Arbitrary<BodyVariant>[] = [
    fc.record({ kind: fc.constant('malformed-json' as const), text: fc.constantFrom(...MALFORMED_JSON) }),
    fc.record({ kind: fc.constant('truncated-json' as const), at: fc.nat({ max: JSON.stringify(base).length }) }),
    fc.record({
      kind: fc.constant('not-an-object' as const),
      value: fc.oneof(
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.string({ maxLength: 10 }),
        fc.array(fc.integer(), { maxLength: 3 }),
      ),
    }),
    fc.record({ kind: fc.constant('content-type' as const), contentType: fc.constantFrom(...WRONG_CONTENT_TYPES) }),
    fc.constant({ kind: 'form-encoded' as const }),
    fc.record({
      kind: fc.constant('prototype-key' as const),
      path: fc.constantFrom(...objects),
      key: fc.constantFrom('__proto__' as const, 'constructor' as const, 'prototype' as const),
    }),
    fc.record({
      kind: fc.constant('unknown-property' as const),
      path: fc.constantFrom(...objects),
      name: fc.oneof(
        fc.constantFrom('isAdmin', 'roles', 'accountId', 'status', 'id', '$where', '0', ''),
        fc.string({ minLength: 1, maxLength: 12 }),
      ),
    }),
  ];
  if (anyPath) {
    variants.push(
      anyPath.chain((path) => {
        const value = nodes.find(
          (n) => dotted(n.path) === dotted(path) && JSON.stringify(n.path) === JSON.stringify(path),
        )!.value;
        const wrong = rules.looselyTyped?.includes(dotted(path))
          ? fc.oneof(
              fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
              fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
            )
          : wrongTypeFor(value, rules.blankIsUnanswered?.some((prefix) => dotted(path).startsWith(prefix)) ?? false);
        return fc.record({
          kind: fc.constant('wrong-type' as const),
          path: fc.constant(path),
          value: wrong as fc.Arbitrary<Json>,
        });
      }),
      fc.record({ kind: fc.constant('huge-array' as const), path: anyPath }),
      fc.record({
        kind: fc.constant('deep-nesting' as const),
        path: anyPath,
        shape: fc.constantFrom('array' as const, 'object' as const),
      }),
    );
  }
  if (strings.length) {
    const stringPath = fc.constantFrom(...strings.map((n) => n.path));
    const bounded = strings.filter((n) => !rules.unbounded?.includes(dotted(n.path)));
    if (bounded.length) {
      variants.push(
        fc.record({
          kind: fc.constant('huge-string' as const),
          path: fc.constantFrom(...bounded.map((n) => n.path)),
          unit: fc.constantFrom('A', 'é', '😀', '\u202E', '<'),
        }),
      );
    }
    variants.push(
      fc.record({
        kind: fc.constant('forbidden-character' as const),
        path: stringPath,
        char: fc.constantFrom(...FORBIDDEN_CHARACTERS),
        at,
      }),
    );
  }
  if (tokens.length) {
    variants.push(
      fc
        .record({
          kind: fc.constant('tricky-unicode' as const),
          path: fc.constantFrom(...tokens.map((n) => n.path)),
          piece: fc.constantFrom(...INVISIBLE_UNICODE, ...VISIBLE_UNICODE),
          at,
        })
        // Whitespace around a value is trimmed by design; inside it, it is wrong.
        .map((v) => (/^\s$/.test(v.piece) ? { ...v, at: 'middle' as const } : v)),
    );
  }
  if (emails.length) {
    // Inside: around an address, whitespace is trimmed by design.
    variants.push(
      fc.record({
        kind: fc.constant('tricky-unicode' as const),
        path: fc.constantFrom(...emails.map((n) => n.path)),
        piece: fc.constantFrom(...INVISIBLE_UNICODE),
        at: fc.constant('middle' as const),
      }),
    );
  }
  return fc.oneof(...variants);
}

/**
 * Hostile path segments, already percent-encoded as a client would put them on the wire: not
 * UUIDs, overlong, traversal, injection, invalid percent-encodings and invalid UTF-8.
 */
export function pathSegmentVariants(): fc.Arbitrary<string> {
  const encode = (s: string) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return 'x'; // lone surrogates cannot be encoded: covered by the raw encodings below
    }
  };
  return fc.oneof(
    fc.string({ minLength: 1, maxLength: 40 }).map(encode),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(encode),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encode),
    fc.nat({ max: 20_000 }).map((n) => 'a'.repeat(n + 37)),
    fc.uuid().map((u) => `${u}${encode("' OR '1'='1")}`),
    fc.uuid().map((u) => u.replace(/-/g, '')),
    fc.uuid().map((u) => `${u}0`),
    fc.constantFrom(
      '..',
      '%2e%2e',
      '..%2f..%2fetc%2fpasswd',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '..%5c..%5cwindows',
      '%00',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '01900000-0000-7000-8000-00000000000g',
      '%ED%A0%80',
      '%C0%AF',
      '%FF',
      '%E2%80%AE',
      '%F0%9F%98%80',
      '%',
      '%zz',
      '%25',
      'null',
      'undefined',
      '-1',
      '1e309',
      '99999999999999999999999',
      '__proto__',
      'constructor',
      encode("'; DROP TABLE tasks; --"),
      encode('$ne'),
      encode('{"$gt":""}'),
      encode('<script>alert(1)</script>'),
    ),
  );
}

/** Hostile query values: one value, a repeated parameter (arrives as an array), or bracket syntax. */
export type QueryVariant = { name: string; values: string[]; bracket?: boolean };

export function queryVariants(names: string[]): fc.Arbitrary<QueryVariant> {
  const value = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
    fc.integer().map(String),
    fc.constantFrom(
      '-1',
      '0',
      '101',
      '1.5',
      '1e3',
      'NaN',
      'Infinity',
      '0x10',
      ' 1',
      '١',
      '',
      'null',
      'true',
      '%00',
      '\u0000',
      '\u202E',
      '😀',
    ),
    fc.constantFrom("' OR 1=1 --", '{"$gt":""}', '../../etc/passwd', 'eyJjIjoiMjAyNiJ9', 'eyJpZCI6IngifQ', '%'),
    fc.uuid().map((u) => u + 'x'),
  );
  return fc.record({
    name: fc.constantFrom(...names),
    values: fc.array(value, { minLength: 1, maxLength: 3 }),
    bracket: fc.boolean(),
  });
}

/** Appends a hostile query to a path (the values are encoded, as a client would). */
export function withQuery(path: string, base: Record<string, string> | undefined, q: QueryVariant): string {
  const params = new URLSearchParams(Object.entries(base ?? {}).filter(([k]) => k !== q.name));
  const encode = (s: string) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return '%ED%A0%80';
    }
  };
  const own = q.values.map((v) => `${encode(q.name)}${q.bracket ? '[]' : ''}=${encode(v)}`).join('&');
  const rest = params.toString();
  return `${path}?${[rest, own].filter(Boolean).join('&')}`;
}

const LEAKS = [
  /\n\s+at /, // stack frames
  /node_modules|\/src\/|\.ts:\d+|\.js:\d+/,
  /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/,
  /syntax error|violates|duplicate key|relation "|column "|invalid input syntax|PostgreSQL|pg_|MikroORM|DriverException/i,
  /TypeError|ReferenceError|RangeError|Cannot read propert|is not a function|undefined is not/,
];

/** Why a response is not a clean refusal (null when it is): a 4xx problem+json with a code, nothing internal in it. */
export function notARefusal(res: request.Response, allow2xx = false): string | null {
  if (allow2xx && res.status >= 200 && res.status < 300) return leakIn(res);
  if (res.status < 400 || res.status >= 500) return `status ${res.status}: ${res.text.slice(0, 300)}`;
  if (!String(res.headers['content-type']).startsWith('application/problem+json'))
    return `content-type ${res.headers['content-type']}`;
  const body = res.body as { code?: unknown; status?: unknown };
  if (typeof body?.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(body.code)) return `no code: ${res.text.slice(0, 300)}`;
  if (body.status !== res.status) return `status in body ${String(body.status)} vs ${res.status}`;
  return leakIn(res);
}

function leakIn(res: request.Response): string | null {
  const text = res.text ?? '';
  const leak = LEAKS.find((pattern) => pattern.test(text));
  return leak ? `leaks internals (${leak}): ${text.slice(0, 300)}` : null;
}
