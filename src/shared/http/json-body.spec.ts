import { DomainError } from '../errors/domain-error';
import { MAX_JSON_DEPTH, MAX_JSON_VALUES, parseJsonBody } from './json-body';

function refusal(contentType: string, text: string): { code: string; errors?: unknown[] } {
  try {
    parseJsonBody(contentType, text);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, errors: error.options.errors };
    throw error;
  }
  throw new Error(`accepted: ${text.slice(0, 50)}`);
}

describe('parseJsonBody', () => {
  it('reads UTF-8 JSON objects and lists, with one byte-order mark tolerated', () => {
    expect(parseJsonBody('application/json', '{"a":[1,"é😀"]}')).toEqual({ a: [1, 'é😀'] });
    expect(parseJsonBody('application/json; charset=UTF-8', '\uFEFF{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonBody('application/json', '["a"]')).toEqual(['a']);
  });

  it('refuses other charsets (415), malformed and empty bodies, and bare null or scalars (400)', () => {
    expect(refusal('application/json; charset=utf-16', '{}').code).toBe('unsupported_media_type');
    expect(refusal('application/json; charset="latin1"', '{}').code).toBe('unsupported_media_type');
    for (const text of ['', ' ', '{', '{"a":1,}', '\uFEFF\uFEFF{}', 'null', '"x"', '1', 'true']) {
      expect(refusal('application/json', text).code).toBe('invalid_request');
    }
  });

  it('refuses prototype and inherited names as keys at any depth', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'valueOf', 'toString', 'hasOwnProperty', '__defineGetter__']) {
      expect(refusal('application/json', `{"a":[{"b":{${JSON.stringify(key)}:1}}]}`)).toEqual({
        code: 'invalid_request',
        errors: [{ path: `a[0].b.${key}`, message: `${key} is not allowed` }],
      });
    }
  });

  it('refuses NUL and unpaired surrogates in values and keys, but not paired ones', () => {
    for (const text of ['{"a":"x\\u0000"}', '{"a":"\\ud800"}', '{"a":"\\udc00x"}', '{"a":["ok","\\udbff"]}', '{"\\u0000":1}']) {
      expect(refusal('application/json', text).code).toBe('invalid_request');
    }
    expect(parseJsonBody('application/json', '{"a":"\\ud83d\\ude00"}')).toEqual({ a: '😀' });
    // Raw (unescaped) surrogates too, however the text was made, and deep inside a large body.
    expect(refusal('application/json', '{"a":"x\ud800"}').code).toBe('invalid_request');
    expect(refusal('application/json', '{"\udc00":1}').code).toBe('invalid_request');
    const big = { pages: Array.from({ length: 200 }, (_, i) => ({ id: `q${i}`, text: 'a plain answer 😀' })) };
    expect(parseJsonBody('application/json', JSON.stringify(big))).toEqual(big);
    big.pages[150].text = 'bad \u0000';
    expect(refusal('application/json', JSON.stringify(big))).toEqual({
      code: 'invalid_request',
      errors: [{ path: 'pages[150].text', message: 'pages[150].text contains a NUL character or an unpaired surrogate' }],
    });
  });

  it('refuses absurd nesting and absurd numbers of values, whatever their shape', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(refusal('application/json', `{"a":${deep}}`).code).toBe('invalid_request');
    expect(
      parseJsonBody('application/json', `{"a":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`),
    ).toBeDefined();
    expect(refusal('application/json', JSON.stringify({ a: new Array(MAX_JSON_VALUES + 1).fill(0) })).code).toBe(
      'invalid_request',
    );
    const wide = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, new Array(200).fill(0)]));
    expect(refusal('application/json', JSON.stringify(wide)).code).toBe('invalid_request');
  });
});
