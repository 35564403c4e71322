import { InvalidRequestError } from './request-validation';

/**
 * For POSTs whose whole body is optional (`{ pageId? }`, `{ reason? }`): no body is `{}`; otherwise the
 * same shape rules as the DTOs (400 `invalid_request` for unknown properties and wrong JSON types).
 */
export function optionalStringsBody<K extends string>(body: unknown, properties: readonly K[]): Partial<Record<K, string>> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError([{ path: '', message: 'the body must be a JSON object' }]);
  }
  const errors: { path: string; message: string }[] = [];
  const result: Partial<Record<K, string>> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!(properties as readonly string[]).includes(key)) errors.push({ path: key, message: `${key} is not allowed` });
    else if (value !== undefined && value !== null && typeof value !== 'string')
      errors.push({ path: key, message: `${key} must be a string` });
    else if (typeof value === 'string') result[key as K] = value;
  }
  if (errors.length) throw new InvalidRequestError(errors);
  return result;
}
