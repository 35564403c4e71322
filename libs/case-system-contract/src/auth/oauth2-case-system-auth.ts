import { CaseSystemAuth, CaseSystemAuthError } from './case-system-auth';

export interface OAuth2ClientSettings {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  timeoutMs: number;
}

interface CachedToken {
  value: string;
  /** Wall-clock ms after which the token is not used any more (a margin before its real expiry). */
  renewAt: number;
  /** Requests it was handed to: a token refused on its first use is not worth renewing again. */
  uses: number;
}

/** Renew this long before expiry (at most a tenth of the lifetime for short-lived tokens). */
const RENEW_MARGIN_MS = 60_000;

/**
 * OAuth2 client credentials (RFC 6749 §4.4) with `client_secret_basic`: one token, cached and shared
 * by every delivery, renewed shortly before it expires, and after a 401 to a token that had worked
 * (revoked or expired early; the attempt is then retried). Concurrent deliveries wait for one token
 * request rather than each asking.
 */
export class OAuth2CaseSystemAuth extends CaseSystemAuth {
  readonly scheme = 'oauth2';
  private token: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;

  constructor(
    private readonly settings: OAuth2ClientSettings,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  async headers(): Promise<Record<string, string>> {
    const token = this.token && this.now() < this.token.renewAt ? this.token : await this.fetchToken();
    token.uses++;
    return { authorization: `Bearer ${token.value}` };
  }

  async afterUnauthorized(sent: Record<string, string>): Promise<boolean> {
    const current = this.token;
    // Already replaced by another request's renewal: the next attempt gets the new one.
    if (!current || sent.authorization !== `Bearer ${current.value}`) return true;
    // A token fetched for this very request and refused at once: renewing again would loop.
    if (current.uses <= 1) return false;
    this.token = undefined;
    return true;
  }

  private fetchToken(): Promise<CachedToken> {
    this.pending ??= this.requestToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async requestToken(): Promise<CachedToken> {
    const { tokenUrl, clientId, clientSecret, scope, timeoutMs } = this.settings;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope) form.set('scope', scope);
    // RFC 6749 §2.3.1: form-encode id and secret before joining them for Basic.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      throw new CaseSystemAuthError(`no answer from the token endpoint: ${e.cause?.code ?? e.message}`, true);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      // The token endpoint's own error code (RFC 6749 §5.2) says enough; never its whole body.
      const code = /"error"\s*:\s*"([\w.-]{1,64})"/.exec(text)?.[1];
      const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
      throw new CaseSystemAuthError(`token endpoint answered HTTP ${response.status}${code ? ` (${code})` : ''}`, retryable);
    }
    let body: { access_token?: unknown; expires_in?: unknown; token_type?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new CaseSystemAuthError('token endpoint answered without JSON', true);
    }
    if (typeof body.access_token !== 'string' || !body.access_token) {
      throw new CaseSystemAuthError('token endpoint answered without an access_token', true);
    }
    if (typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer') {
      throw new CaseSystemAuthError(`token endpoint issued a "${body.token_type}" token, not a bearer token`, false);
    }
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 300) * 1000;
    const margin = Math.min(RENEW_MARGIN_MS, lifetimeMs / 10);
    this.token = { value: body.access_token, renewAt: this.now() + lifetimeMs - margin, uses: 0 };
    return this.token;
  }
}
