import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { CaseSystemGateway, ContributionPayload, GatewayResult } from '../application/submission.ports';

/**
 * POST {CASE_SYSTEM_URL}/contributions with `Idempotency-Key: <submissionId>`. 2xx with a receipt is
 * accepted; 5xx, 429, timeouts, network errors and unreadable answers are retried; other 4xx refuse.
 */
@Injectable()
export class HttpCaseSystemGateway extends CaseSystemGateway {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async deliver(payload: ContributionPayload): Promise<GatewayResult> {
    const base = this.config.caseSystemUrl;
    if (!base) return { kind: 'retryable', error: 'CASE_SYSTEM_URL is not configured' };
    let response: Response;
    try {
      response = await fetch(`${base}/contributions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': payload.submissionId },
        body: JSON.stringify(payload),
        // A redirect is a configuration problem for a person to look at, and must not carry the payload elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.deliveryTimeoutMs),
      });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      const reason =
        e.name === 'TimeoutError' ? `timed out after ${this.config.deliveryTimeoutMs} ms` : (e.cause?.code ?? e.message);
      return { kind: 'retryable', error: `no answer from the case system: ${reason}` };
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 200 && response.status < 300) {
      try {
        const body = JSON.parse(text) as { receiptId?: unknown };
        if (typeof body.receiptId === 'string' && body.receiptId) return { kind: 'accepted', receiptId: body.receiptId };
      } catch {
        // fall through: an answer we cannot read proves nothing
      }
      return { kind: 'retryable', error: `HTTP ${response.status} without a receipt id` };
    }
    const summary = `HTTP ${response.status}: ${text.slice(0, 300)}`;
    if (response.status >= 500 || response.status === 429 || response.status === 408)
      return { kind: 'retryable', error: summary };
    return { kind: 'refused', error: summary };
  }
}
