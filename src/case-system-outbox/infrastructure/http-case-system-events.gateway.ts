import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DeliveryConfig } from '../../config/config-slices';
import { CaseSystemAuth, CaseSystemAuthError, caseSystemAuthFor } from '../../../libs/case-system-contract/src/auth';
import { OutboundKind } from '../domain/outbound-item';
import { CaseSystemEventsGateway, OutboundBody, SendResult } from '../application/outbox.ports';

const PATHS: Record<OutboundKind, string> = { task_event: '/task-events', message: '/messages' };

/**
 * POST {CASE_SYSTEM_URL}/task-events or /messages with `Idempotency-Key: <event or message id>`.
 * Classified as contributions are: any 2xx is accepted (a receipt id is optional here); 5xx, 408,
 * 429, timeouts and network errors are retried; any other 4xx is a refusal for an admin to see.
 * Authenticated as contributions are (CASE_SYSTEM_AUTH, libs/case-system-contract/src/auth).
 */
@Injectable()
export class HttpCaseSystemEventsGateway extends CaseSystemEventsGateway {
  private readonly auth: CaseSystemAuth;

  constructor(private readonly config: DeliveryConfig) {
    super();
    this.auth = caseSystemAuthFor(config);
  }

  async send(kind: OutboundKind, idempotencyKey: string, body: OutboundBody): Promise<SendResult> {
    const base = this.config.caseSystemUrl;
    if (!base) return { kind: 'retryable', error: 'CASE_SYSTEM_URL is not configured' };
    const target = new URL(`${base}${PATHS[kind]}`);
    const text = JSON.stringify(body);
    const signed = {
      method: 'POST',
      path: `${target.pathname}${target.search}`,
      idempotencyKey,
      bodySha256: createHash('sha256').update(text).digest('hex'),
    };
    let credentials: Record<string, string> = {};
    const post = async () =>
      fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          ...(credentials = await this.auth.headers(signed)),
        },
        body: text,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.deliveryTimeoutMs),
      });
    let response: Response;
    try {
      response = await post();
      if (response.status === 401 && (await this.auth.afterUnauthorized(credentials))) {
        await response.body?.cancel().catch(() => undefined);
        response = await post();
      }
    } catch (error) {
      if (error instanceof CaseSystemAuthError) {
        return {
          kind: error.retryable ? 'retryable' : 'refused',
          error: `authentication (${this.auth.scheme}): ${error.message}`,
        };
      }
      const e = error as Error & { cause?: { code?: string } };
      const reason =
        e.name === 'TimeoutError' ? `timed out after ${this.config.deliveryTimeoutMs} ms` : (e.cause?.code ?? e.message);
      return { kind: 'retryable', error: `no answer from the case system: ${reason}` };
    }
    const answer = await response.text().catch(() => '');
    if (response.status >= 200 && response.status < 300) {
      let receiptId = '';
      try {
        const parsed = JSON.parse(answer) as { receiptId?: unknown };
        if (typeof parsed.receiptId === 'string') receiptId = parsed.receiptId;
      } catch {
        // an empty or unreadable 2xx body is still an acceptance here: nothing is waited for
      }
      return { kind: 'accepted', receiptId };
    }
    const summary = `HTTP ${response.status}: ${answer.slice(0, 300)}`;
    if (response.status >= 500 || response.status === 429 || response.status === 408)
      return { kind: 'retryable', error: summary };
    return { kind: 'refused', error: summary };
  }
}
