import { JsonText } from '../json-text';

/**
 * The serializer of every JSON response (Fastify's reply serializer): `JSON.stringify`, except that
 * the `JsonText` values at the top level of a response object go in as their text, unparsed.
 */
export function serializeResponse(payload: unknown): string {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || 'toJSON' in payload) {
    return JSON.stringify(payload);
  }
  const entries = payload as Record<string, unknown>;
  let texts: string[] | undefined;
  let rest: Record<string, unknown> | undefined;
  for (const key of Object.keys(entries)) {
    const value = entries[key];
    if (value instanceof JsonText) {
      if (!texts) {
        texts = [];
        // A plain object, not a prototype-less one: V8 stringifies those on a slower path.
        rest = {};
        // Everything before the first JsonText is plain: copy it over.
        for (const earlier of Object.keys(entries)) {
          if (earlier === key) break;
          copy(rest, earlier, entries[earlier]);
        }
      }
      texts.push(`${JSON.stringify(key)}:${value.text}`);
    } else if (rest) {
      copy(rest, key, value);
    }
  }
  if (!texts) return JSON.stringify(payload);
  const head = JSON.stringify(rest);
  return head === '{}' ? `{${texts.join(',')}}` : `${head.slice(0, -1)},${texts.join(',')}}`;
}

/** An own "__proto__" key is defined as a property, not handed to the prototype's setter. */
function copy(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
