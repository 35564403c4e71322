/** What the gateway knows of a request when it asks for credentials. */
export interface OutboundRequest {
  method: string;
  /** Path and query on the case system, e.g. `/contributions`. */
  path: string;
  idempotencyKey: string;
  /** Lower-case hex SHA-256 of the exact body bytes. */
  bodySha256: string;
}

/** Credentials could not be had (token endpoint down or refusing): a failed attempt, with its reason. */
export class CaseSystemAuthError extends Error {
  constructor(
    message: string,
    /** false when retrying cannot help (the token endpoint refused our client credentials). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'CaseSystemAuthError';
  }
}

/**
 * How the portal proves itself to the case system (CASE_SYSTEM_AUTH): headers for one request, and
 * what to do after a 401. Kept apart from the HTTP gateway so the way a body is sent can change
 * without touching authentication.
 */
export abstract class CaseSystemAuth {
  abstract readonly scheme: 'hmac' | 'oauth2' | 'none';
  abstract headers(request: OutboundRequest): Promise<Record<string, string>>;
  /**
   * After a 401 to a request sent with `sent`: true when fresh credentials are worth another attempt
   * (an OAuth2 token that had worked, revoked or expired early: it is dropped). false when retrying
   * cannot help (a signature, or a token fetched for that very request): the 401 is final.
   */
  abstract afterUnauthorized(sent: Record<string, string>): Promise<boolean>;
}

export class NoCaseSystemAuth extends CaseSystemAuth {
  readonly scheme = 'none';
  async headers(): Promise<Record<string, string>> {
    return {};
  }
  async afterUnauthorized(_sent: Record<string, string>): Promise<boolean> {
    return false;
  }
}
