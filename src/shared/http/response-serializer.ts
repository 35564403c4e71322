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
        // No prototype: an own "__proto__" key is copied as a property, not taken for the setter.
        rest = Object.create(null) as Record<string, unknown>;
        // Everything before the first JsonText is plain: copy it over.
        for (const earlier of Object.keys(entries)) {
          if (earlier === key) break;
          rest[earlier] = entries[earlier];
        }
      }
      texts.push(`${JSON.stringify(key)}:${value.text}`);
    } else if (rest) {
      rest[key] = value;
    }
  }
  if (!texts) return JSON.stringify(payload);
  const head = JSON.stringify(rest);
  return head === '{}' ? `{${texts.join(',')}}` : `${head.slice(0, -1)},${texts.join(',')}}`;
}
