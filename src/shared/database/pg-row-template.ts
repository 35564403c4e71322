import { types } from 'pg';
import Result from 'pg/lib/result';

interface FieldDescription {
  name: string;
  dataTypeID: number;
  format?: 'text' | 'binary';
}

interface TypeSource {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown;
}

/** The parts of node-postgres' (internal) `Result` that `addFields` sets up for `parseRow`. */
interface ResultInternals {
  fields: FieldDescription[];
  _parsers?: ((value: string) => unknown)[];
  _types?: TypeSource;
  _prebuiltEmptyResultObject: Record<string, null> | null;
}

const PATCHED = Symbol.for('professional-portal.pg-row-template');

/**
 * node-postgres builds, for every result (so for every statement: a prepared statement still gets
 * its row description each time), the empty row each of its rows is copied from. It builds that
 * template as a prototype-less dictionary and then spreads it into a plain object, which costs
 * ~7 µs for 30 columns (V8 takes its slow path to copy a dictionary), more than parsing the rows of a
 * page (BENCHMARKS.md, seventh round). Here the template is a plain object filled in column order —
 * the same keys, the same order, the same parsers, so the same rows — for ~1 µs.
 *
 * The dictionary is what keeps a column named `__proto__` an own property of the row (on a plain
 * object the name would reach the prototype setter); a result with such a column keeps the original
 * method. Installed once, before the first query (`databaseOptions`).
 *
 * Measured again alone by `bench/row-template.ts` (2026-12-06, shared machine): a one-row result of
 * 20 columns 19.3 → 5.8 µs, of 32 columns 38.4 → 10.6 µs; a 26-row page about the same either way.
 * It pays on every one-row statement (the session check, a task load): kept while it does.
 */
export function useFastRowTemplate(): void {
  const prototype = Result.prototype as unknown as Record<PropertyKey, unknown>;
  if (prototype[PATCHED]) return;
  const original = prototype.addFields as (this: ResultInternals, fields: FieldDescription[]) => void;
  prototype.addFields = function addFields(this: ResultInternals, fields: FieldDescription[]): void {
    const count = fields.length;
    for (let i = 0; i < count; i++) if (fields[i].name === '__proto__') return original.call(this, fields);
    this.fields = fields;
    if (count) this._parsers = new Array(count);
    const source: TypeSource = this._types ?? types;
    const template: Record<string, null> = {};
    for (let i = 0; i < count; i++) {
      const field = fields[i];
      template[field.name] = null;
      this._parsers![i] = source.getTypeParser(field.dataTypeID, field.format || 'text');
    }
    this._prebuiltEmptyResultObject = template;
  };
  prototype[PATCHED] = true;
}
