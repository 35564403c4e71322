import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DEFAULT_REPLAY_WINDOW_SECONDS,
  digestFromHeader,
  signature,
  SIGNATURE_HEADERS,
  SIGNATURE_VERSION,
  signaturesEqual,
  type HmacKey,
} from '../../case-system-contract/src';
import { readBody, sendJson } from './http-io';

/** What the stub asks of a caller, as a council's integration gateway would. Unset: anything goes. */
export interface StubAuthOptions {
  /** HMAC keys accepted (two during a rotation). */
  hmacKeys?: HmacKey[];
  /** OAuth2 client credentials accepted at POST /oauth/token. */
  oauth2?: { clientId: string; clientSecret: string; tokenLifetimeSeconds?: number };
  /** Allowed clock difference and replay memory, seconds (default 300). */
  replayWindowSeconds?: number;
  /** The stub's clock in ms (tests skew it). */
  now?: () => number;
}

export interface AuthRefusal {
  code: 'unauthenticated' | 'invalid_signature' | 'stale_request' | 'replayed_request' | 'invalid_token';
  detail: string;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const raw = req.headers[name];
  return Array.isArray(raw) ? raw[0] : raw;
};

/** Verifies HMAC signatures and bearer tokens, and issues tokens (client credentials). */
export class StubAuth {
  private readonly nonces = new Map<string, number>();
  private readonly tokens = new Map<string, number>();
  private tokenRequestCount = 0;

  constructor(private readonly options: StubAuthOptions) {}

  get enabled(): boolean {
    return Boolean(this.options.hmacKeys?.length || this.options.oauth2);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** null when the request may pass; `bodySha256` is the hex SHA-256 of the body as received. */
  verify(req: IncomingMessage, bodySha256: string): AuthRefusal | null {
    if (!this.enabled) return null;
    const authorization = header(req, 'authorization');
    if (this.options.oauth2 && authorization?.startsWith('Bearer ')) return this.verifyToken(authorization.slice(7));
    if (this.options.hmacKeys?.length && header(req, SIGNATURE_HEADERS.signature)) return this.verifySignature(req, bodySha256);
    return { code: 'unauthenticated', detail: 'Sign the request or send a bearer token.' };
  }

  private verifyToken(token: string): AuthRefusal | null {
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return { code: 'invalid_token', detail: 'Unknown or revoked token.' };
    if (this.now() >= expiresAt) return { code: 'invalid_token', detail: 'The token has expired.' };
    return null;
  }

  private verifySignature(req: IncomingMessage, actual: string): AuthRefusal | null {
    const window = this.options.replayWindowSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS;
    const timestamp = Number(header(req, SIGNATURE_HEADERS.timestamp));
    const nonce = header(req, SIGNATURE_HEADERS.nonce) ?? '';
    const key = this.options.hmacKeys!.find((k) => k.id === header(req, SIGNATURE_HEADERS.keyId));
    const given = header(req, SIGNATURE_HEADERS.signature) ?? '';
    const digestHeader = header(req, SIGNATURE_HEADERS.digest);
    // With Content-Digest the body's hash is signed and must match; without it (a streamed body)
    // the signed string's digest line is empty.
    const digest = digestHeader === undefined ? '' : digestFromHeader(digestHeader);
    if (!key || !Number.isInteger(timestamp) || !/^[0-9a-f]{32}$/.test(nonce) || (digest !== '' && digest !== actual)) {
      return { code: 'invalid_signature', detail: 'Unknown key, or a signature header or the body digest is wrong.' };
    }
    const expected = signature(key.secret, {
      method: req.method ?? '',
      path: req.url ?? '',
      idempotencyKey: header(req, 'idempotency-key')?.trim() ?? '',
      bodySha256: digest ?? '',
      timestamp,
      nonce,
    });
    if (!signaturesEqual(given, `${SIGNATURE_VERSION}=${expected}`)) {
      return { code: 'invalid_signature', detail: 'The signature does not match.' };
    }
    const nowSeconds = this.now() / 1000;
    if (Math.abs(nowSeconds - timestamp) > window) {
      return { code: 'stale_request', detail: `The timestamp is more than ${window} seconds from our clock.` };
    }
    this.forgetOldNonces(nowSeconds - window);
    if (this.nonces.has(nonce)) return { code: 'replayed_request', detail: 'This signed request was already received.' };
    this.nonces.set(nonce, timestamp);
    return null;
  }

  private forgetOldNonces(before: number): void {
    for (const [nonce, at] of this.nonces) if (at < before) this.nonces.delete(nonce);
  }

  /** POST /oauth/token, grant client_credentials with client_secret_basic (or in the form). */
  async issueToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.tokenRequestCount++;
    const oauth2 = this.options.oauth2;
    const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/.exec(header(req, 'authorization') ?? '');
    if (basic) {
      const [user, pass] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      id = decodeURIComponent(user ?? '');
      secret = decodeURIComponent(pass ?? '');
    }
    if (!oauth2) return sendJson(res, 404, { error: 'not_found' });
    if (form.get('grant_type') !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type' });
    if (id !== oauth2.clientId || secret !== oauth2.clientSecret) return sendJson(res, 401, { error: 'invalid_client' });
    const lifetime = oauth2.tokenLifetimeSeconds ?? 3600;
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, this.now() + lifetime * 1000);
    sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: lifetime }, { 'cache-control': 'no-store' });
  }

  /** Every token issued so far stops working (as when a gateway restarts or revokes). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  tokenRequests(): number {
    return this.tokenRequestCount;
  }
}
