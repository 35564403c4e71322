import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 request signing of `POST {CASE_SYSTEM_URL}/contributions` (scheme `v1`).
 *
 * The signed string is, joined by "\n":
 *   v1, the Unix timestamp in seconds, a random nonce, the method, the path (with query), the
 *   Idempotency-Key, and the lower-case hex SHA-256 of the exact body bytes.
 * Headers sent:
 *   X-Signature-Timestamp: <seconds>       X-Signature-Nonce: <32 hex>      X-Signature-Key-Id: <key id>
 *   Content-Digest: sha-256=:<base64>:     X-Signature: v1=<hex HMAC-SHA256(secret, signed string)>
 * The body digest is signed, so the body cannot be changed; the timestamp bounds replays (a receiver
 * refuses it outside its window) and the nonce makes each request unique inside the window (a
 * receiver refuses a nonce it has already seen), so a retry of the same delivery is never mistaken
 * for a replay.
 */
export const SIGNATURE_VERSION = 'v1';
export const SIGNATURE_HEADERS = {
  timestamp: 'x-signature-timestamp',
  nonce: 'x-signature-nonce',
  keyId: 'x-signature-key-id',
  signature: 'x-signature',
  digest: 'content-digest',
} as const;

/** Five minutes either way: the receiver's replay window and the clock skew it tolerates. */
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

export interface HmacKey {
  id: string;
  secret: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query as sent, e.g. `/contributions` (a base path of CASE_SYSTEM_URL included). */
  path: string;
  idempotencyKey: string;
  /** Lower-case hex SHA-256 of the body bytes, or '' for a streamed body (no Content-Digest sent). */
  bodySha256: string;
  timestamp: number;
  /** 32 hex characters, new for every request. */
  nonce: string;
}

export function signedString(request: SignedRequest): string {
  return [
    SIGNATURE_VERSION,
    String(request.timestamp),
    request.nonce,
    request.method.toUpperCase(),
    request.path,
    request.idempotencyKey,
    request.bodySha256,
  ].join('\n');
}

export function signature(secret: string, request: SignedRequest): string {
  return createHmac('sha256', secret).update(signedString(request)).digest('hex');
}

export function contentDigest(bodySha256: string): string {
  return `sha-256=:${Buffer.from(bodySha256, 'hex').toString('base64')}:`;
}

/** `sha-256=:<base64>:` → hex, or undefined when the header is not that. */
export function digestFromHeader(header: string | undefined): string | undefined {
  const match = /(?:^|,\s*)sha-256=:([A-Za-z0-9+/]+=*):/.exec(header ?? '');
  if (!match) return undefined;
  const bytes = Buffer.from(match[1], 'base64');
  return bytes.length === 32 ? bytes.toString('hex') : undefined;
}

/** An incremental SHA-256, for a body written in parts (computed in a first pass over it). */
export function bodyHasher(): { update(chunk: string | Uint8Array): void; hex(): string } {
  const hash = createHash('sha256');
  return {
    update: (chunk) => void hash.update(chunk),
    hex: () => hash.digest('hex'),
  };
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function signatureHeaders(key: HmacKey, request: SignedRequest): Record<string, string> {
  return {
    [SIGNATURE_HEADERS.timestamp]: String(request.timestamp),
    [SIGNATURE_HEADERS.nonce]: request.nonce,
    [SIGNATURE_HEADERS.keyId]: key.id,
    [SIGNATURE_HEADERS.signature]: `${SIGNATURE_VERSION}=${signature(key.secret, request)}`,
    // A streamed body's digest is not known before it is sent: then the last line is empty and no
    // Content-Digest goes out (see docs/security.md).
    ...(request.bodySha256 ? { [SIGNATURE_HEADERS.digest]: contentDigest(request.bodySha256) } : {}),
  };
}

export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `CASE_SYSTEM_HMAC_KEYS`: comma-separated `keyId:secret` entries; the first signs, and a receiver
 * accepts any of its list (two during a rotation). Throws a message naming what is wrong.
 */
export function parseHmacKeys(raw: string): HmacKey[] {
  const keys = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon < 1) throw new Error('must be a comma-separated list of keyId:secret entries');
      const id = entry.slice(0, colon);
      const secret = entry.slice(colon + 1);
      if (!/^[\w.-]{1,64}$/.test(id)) throw new Error('has a key id that is not 1 to 64 letters, digits, "_", "." or "-"');
      if (secret.length < 32) throw new Error(`has a secret shorter than 32 characters (key "${id}")`);
      return { id, secret };
    });
  if (!keys.length) throw new Error('must name at least one keyId:secret');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('names a key id twice');
  return keys;
}
