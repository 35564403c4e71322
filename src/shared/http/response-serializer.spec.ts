import { JsonText } from '../json-text';
import { serializeResponse } from './response-serializer';

describe('serializeResponse', () => {
  const draft = { reason: 'Ada "needs" support\n', support: [{ area: 'Reading', hours: '2' }], empty: null };

  it('is JSON.stringify for anything without JsonText', () => {
    for (const value of [{ a: 1, b: [1, { c: 'x' }], d: undefined }, [1, 2], 'text', 3, null, true, {}, new Date(0)]) {
      expect(serializeResponse(value)).toBe(JSON.stringify(value));
    }
  });

  it('splices top-level JsonText values in as their text, unparsed, keeping every other property', () => {
    const text = JsonText.of(draft);
    const body = serializeResponse({ id: 't1', answers: text, skipped: undefined, version: 2, prefill: JsonText.of({}) });
    expect(body).toContain(`"answers":${text.text}`);
    expect(JSON.parse(body)).toEqual({ id: 't1', answers: draft, version: 2, prefill: {} });
  });

  it('works when every property, or the first, is JsonText', () => {
    expect(JSON.parse(serializeResponse({ a: JsonText.of([1]), b: JsonText.of('x') }))).toEqual({ a: [1], b: 'x' });
    expect(JSON.parse(serializeResponse({ a: JsonText.of(null), b: 1 }))).toEqual({ a: null, b: 1 });
  });

  it('quotes keys as JSON does, and keeps an own "__proto__" key as a property', () => {
    expect(JSON.parse(serializeResponse({ 'a"b\\': JsonText.of(1) }))).toEqual({ 'a"b\\': 1 });
    const payload = JSON.parse('{"__proto__": {"x": 1}, "b": 2}') as Record<string, unknown>;
    payload.c = JsonText.of(3);
    expect(serializeResponse(payload)).toBe('{"__proto__":{"x":1},"b":2,"c":3}');
    const after = JSON.parse('{"a": 0, "__proto__": {"y": 2}}') as Record<string, unknown>;
    after.a = JsonText.of(1);
    expect(serializeResponse(after)).toBe('{"__proto__":{"y":2},"a":1}');
  });

  it('text from the database goes out exactly as PostgreSQL wrote it', () => {
    const stored = '{"reason": "x", "support": [{"area": "Reading"}]}';
    expect(serializeResponse({ answers: JsonText.fromDatabase(stored) })).toBe(`{"answers":${stored}}`);
  });

  it('serialises to the value wherever else it is stringified, nested ones included', () => {
    const nested = { page: { answers: JsonText.of(draft) } };
    expect(JSON.parse(serializeResponse(nested))).toEqual({ page: { answers: draft } });
    expect(JSON.parse(JSON.stringify({ answers: JsonText.of(draft) }))).toEqual({ answers: draft });
  });
});
