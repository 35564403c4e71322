import { isRealDate } from './dates';
import { isPlainObject, ownValue, type JsonObject } from './json';

export interface DefinitionError {
  /** Where the problem is, e.g. `pages[1].questions[2].options` ('' for the whole document). */
  path: string;
  message: string;
}

export function at(path: string, property: string | number): string {
  if (typeof property === 'number') return `${path}[${property}]`;
  return path === '' ? property : `${path}.${property}`;
}

/** Ids become object keys in answers and rows, so they must never collide with Object.prototype. */
const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const ID_RULE = 'must start with a letter and contain only letters, digits, hyphens and underscores (at most 64 characters)';

function isReservedName(name: string): boolean {
  return name === 'prototype' || name in Object.prototype;
}

/** Returns `{}` or `{ [key]: value }` so optional properties are left out rather than set to undefined. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Reads typed properties from untrusted JSON, collecting a precise error for each problem. */
export class DefinitionReader {
  readonly errors: DefinitionError[] = [];

  report(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  private present(object: JsonObject, property: string, path: string, required: boolean): unknown {
    const value = ownValue(object, property);
    if (value === undefined && required) this.report(at(path, property), 'is required');
    return value;
  }

  /** A non-blank string. */
  text(object: JsonObject, property: string, path: string, required: boolean): string | undefined {
    const value = this.present(object, property, path, required);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.fail(at(path, property), 'must be a string');
    if (value.trim() === '') return this.fail(at(path, property), 'must not be empty');
    return value;
  }

  id(object: JsonObject, path: string): string | undefined {
    const value = this.present(object, 'id', path, true);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.fail(at(path, 'id'), 'must be a string');
    if (!ID_PATTERN.test(value)) return this.fail(at(path, 'id'), ID_RULE);
    if (isReservedName(value)) return this.fail(at(path, 'id'), `must not be the reserved name "${value}"`);
    return value;
  }

  boolean(object: JsonObject, property: string, path: string): boolean | undefined {
    const value = this.present(object, property, path, false);
    if (value === undefined || typeof value === 'boolean') return value;
    return this.fail(at(path, property), 'must be true or false');
  }

  integer(object: JsonObject, property: string, path: string, min: number, required = false): number | undefined {
    const value = this.present(object, property, path, required);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      return this.fail(at(path, property), `must be a whole number, ${min} or more`);
    }
    return value;
  }

  date(object: JsonObject, property: string, path: string): string | undefined {
    const value = this.present(object, property, path, false);
    if (value === undefined || isRealDate(value)) return value;
    return this.fail(at(path, property), 'must be a real date in the format YYYY-MM-DD');
  }

  /** A list; `undefined` when missing or not a list (already reported). */
  list(object: JsonObject, property: string, path: string, required: boolean, noun: string): unknown[] | undefined {
    const value = this.present(object, property, path, required);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.fail(at(path, property), `must be a list of ${noun}`);
    if (value.length === 0) this.report(at(path, property), `must have at least one ${noun.replace(/s$/, '')}`);
    return value;
  }

  object(value: unknown, path: string, description: string): JsonObject | undefined {
    if (isPlainObject(value)) return value;
    return this.fail(path, `must be ${description}`);
  }

  /**
   * Reports properties that are not allowed here. `elsewhere` explains a property that is valid on
   * other question or column types ("a text question does not take options").
   */
  unknownProperties(object: JsonObject, path: string, allowed: readonly string[], elsewhere?: (property: string) => string | undefined): void {
    for (const property of Object.keys(object)) {
      if (allowed.includes(property)) continue;
      this.report(at(path, property), elsewhere?.(property) ?? 'is not a known property');
    }
  }

  private fail(path: string, message: string): undefined {
    this.report(path, message);
    return undefined;
  }
}
