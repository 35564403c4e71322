import { HmacKey, newNonce, signatureHeaders } from '../index';
import { CaseSystemAuth, OutboundRequest } from './case-system-auth';

/**
 * HMAC-SHA256 signing (libs/case-system-contract): timestamp, nonce, method, path, Idempotency-Key and the
 * body's SHA-256, with the first of CASE_SYSTEM_HMAC_KEYS. A 401 is not retried: the same key
 * would be refused again (the receiver's list or our clock is wrong: a person must look).
 */
export class HmacCaseSystemAuth extends CaseSystemAuth {
  readonly scheme = 'hmac';

  constructor(
    private readonly keys: HmacKey[],
    /** Wall-clock milliseconds: the receiver compares it with its own clock. */
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  async headers(request: OutboundRequest): Promise<Record<string, string>> {
    return signatureHeaders(this.keys[0], { ...request, timestamp: Math.floor(this.now() / 1000), nonce: newNonce() });
  }

  async afterUnauthorized(_sent: Record<string, string>): Promise<boolean> {
    return false;
  }
}
