/** Helpers for reading untrusted JSON without tripping over inherited or `__proto__` properties. */

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Only own properties count: `answers.toString` must not look like an answer. */
export function ownValue(object: JsonObject, key: string): unknown {
  return hasOwn(object, key) ? object[key] : undefined;
}

/** null, undefined, a blank string and an empty list all mean "not answered". */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/** Copies answer-shaped data (at most a table of rows of lists) so callers never share our input. */
export function copyAnswerValue(value: unknown, depth = 0): unknown {
  // Answers are at most table → row → checkbox list deep; anything deeper is shared, not walked,
  // so hostile nesting cannot exhaust the stack.
  if (depth > 3) return value;
  if (Array.isArray(value)) return value.map((item) => copyAnswerValue(item, depth + 1));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.keys(value).map((key) => [key, copyAnswerValue(value[key], depth + 1)]));
  }
  return value;
}
