import { Injectable } from '@nestjs/common';
import { ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeliveryConfig } from '../../config/config-slices';
import {
  CaseSystemAuth,
  CaseSystemAuthError,
  caseSystemAuthFor,
  OutboundRequest,
} from '../../../libs/case-system-contract/src/auth';
import { markActiveSpanFailed } from '../../shared/tracing/work-span';
import { CaseSystemGateway, ContributionPayload, GatewayResult } from '../application/submission.ports';
import { ContributionContentError, EncodedContribution, encodeContribution } from './contribution-body';

/** Enough of an answer to show an admin (and to find a receipt id); the rest is read and dropped. */
const MAX_ANSWER_BYTES = 64 * 1024;

class NoProgressError extends Error {}
/** The instance is shutting down: the attempt was cut off on purpose, to be made again elsewhere. */
class StoppedError extends Error {}
/** Reading a file from storage failed mid-body: not the case system's doing, and worth another try. */
class SourceError extends Error {}

/**
 * POST {CASE_SYSTEM_URL}/contributions with `Idempotency-Key: <submissionId>`. 2xx with a receipt is
 * accepted; 5xx, 429, timeouts, network errors and unreadable answers are retried; other 4xx refuse
 * (a 401 among them: our credentials were refused, a person must look). Credentials come from the
 * CaseSystemAuth that CASE_SYSTEM_AUTH chose (libs/case-system-contract/src/auth).
 *
 * The body is streamed (see contribution-body.ts), so `DELIVERY_TIMEOUT_MS` is time without
 * progress — no body bytes taken by the connection and no answer — not the whole exchange: a 270 MB
 * contribution on a slow link is fine as long as it moves (issue 21).
 */
@Injectable()
export class HttpCaseSystemGateway extends CaseSystemGateway {
  private readonly auth: CaseSystemAuth;

  constructor(private readonly config: DeliveryConfig) {
    super();
    this.auth = caseSystemAuthFor(config);
  }

  async deliver(payload: ContributionPayload, stop?: AbortSignal): Promise<GatewayResult> {
    const result = await this.send(payload, stop);
    if (result.kind !== 'accepted') markActiveSpanFailed(`${result.kind}: ${result.error}`);
    return result;
  }

  private async send(payload: ContributionPayload, stop?: AbortSignal): Promise<GatewayResult> {
    const base = this.config.caseSystemUrl;
    if (!base) return { kind: 'retryable', error: 'CASE_SYSTEM_URL is not configured' };
    const url = new URL(`${base}/contributions`);
    // The body is streamed from storage (files are read once), so its digest is not known before it
    // is sent: the HMAC signature covers timestamp, nonce, method, path and the Idempotency-Key (the
    // submissionId, also in the body); every file's SHA-256 travels in the body (docs/security.md).
    const signed: OutboundRequest = {
      method: 'POST',
      path: `${url.pathname}${url.search}`,
      idempotencyKey: payload.submissionId,
      bodySha256: '',
    };
    let credentials: Record<string, string>;
    try {
      credentials = await this.auth.headers(signed);
    } catch (error) {
      if (!(error instanceof CaseSystemAuthError)) throw error;
      return { kind: error.retryable ? 'retryable' : 'refused', error: `authentication (${this.auth.scheme}): ${error.message}` };
    }
    let body: EncodedContribution;
    try {
      body = encodeContribution(payload);
    } catch (error) {
      if (error instanceof ContributionContentError) return { kind: 'refused', error: `not sent: ${error.message}` };
      throw error;
    }
    const result = await this.post(url, payload.submissionId, body, credentials, stop);
    // A 401 to a token that had worked (revoked, expired early): renewed, and the delivery is tried
    // again with it (the files are read once per attempt, so not within this one). Any other 401 is final.
    if (result.kind === 'refused' && result.error.startsWith('HTTP 401') && (await this.auth.afterUnauthorized(credentials))) {
      return { kind: 'retryable', error: `${result.error} (credentials renewed)` };
    }
    return result;
  }

  private post(
    url: URL,
    submissionId: string,
    body: EncodedContribution,
    credentials: Record<string, string>,
    stop?: AbortSignal,
  ): Promise<GatewayResult> {
    const idleMs = this.config.deliveryTimeoutMs;
    return new Promise<GatewayResult>((resolve) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = (result: GatewayResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const request: ClientRequest = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          'idempotency-key': submissionId,
          ...credentials,
        },
      });
      const progress = () => {
        clearTimeout(timer);
        timer = setTimeout(() => request.destroy(new NoProgressError()), idleMs);
      };
      progress();
      const onStop = () => request.destroy(new StoppedError());
      if (stop?.aborted) onStop();
      else stop?.addEventListener('abort', onStop, { once: true });
      request.once('close', () => stop?.removeEventListener('abort', onStop));

      let answered = false;
      request.on('response', (response) => {
        answered = true;
        progress();
        this.readAnswer(response, progress).then(settle, (error: Error) => settle(failure(error, idleMs)));
      });
      request.on('error', (error) => {
        // Once an answer is in, it decides (a gateway may answer 4xx and close before reading the whole body).
        if (!answered) settle(failure(error, idleMs));
      });

      // Each chunk the connection takes is progress; a stalled socket stops pulling and the timer fires.
      async function* tracked(): AsyncGenerator<Buffer> {
        try {
          for await (const chunk of body.chunks) {
            progress();
            yield chunk;
          }
        } catch (error) {
          if (error instanceof ContributionContentError) throw error;
          throw new SourceError(`could not read the contribution's files: ${(error as Error).message}`);
        }
      }
      pipeline(Readable.from(tracked()), request).catch((error: Error) => {
        if (!answered) settle(failure(error, idleMs));
        request.destroy();
      });
    });
  }

  private readAnswer(response: IncomingMessage, progress: () => void): Promise<GatewayResult> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        progress();
        if (kept < MAX_ANSWER_BYTES) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      response.on('end', () => resolve(classify(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))));
      response.on('error', reject);
      response.on('close', () => {
        if (!response.complete) reject(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }));
      });
    });
  }
}

function classify(status: number, text: string): GatewayResult {
  if (status >= 200 && status < 300) {
    try {
      const body = JSON.parse(text) as { receiptId?: unknown };
      if (typeof body.receiptId === 'string' && body.receiptId) return { kind: 'accepted', receiptId: body.receiptId };
    } catch {
      // fall through: an answer we cannot read proves nothing
    }
    return { kind: 'retryable', error: `HTTP ${status} without a receipt id` };
  }
  const summary = `HTTP ${status}: ${text.slice(0, 300)}`;
  // A redirect (3xx) is a configuration problem for a person to look at, and is never followed with the payload.
  if (status >= 500 || status === 429 || status === 408) return { kind: 'retryable', error: summary };
  return { kind: 'refused', error: summary };
}

function failure(error: Error, idleMs: number): GatewayResult {
  // The stored bytes are not what was submitted: waiting will not fix that, an admin must look.
  if (error instanceof ContributionContentError) return { kind: 'refused', error: `not sent: ${error.message}` };
  if (error instanceof SourceError) return { kind: 'retryable', error: error.message };
  if (error instanceof StoppedError)
    return { kind: 'retryable', error: 'interrupted: the sending instance shut down before the case system answered' };
  if (error instanceof NoProgressError)
    return { kind: 'retryable', error: `no answer from the case system: timed out after ${idleMs} ms without progress` };
  const code = (error as Error & { code?: string }).code;
  return { kind: 'retryable', error: `no answer from the case system: ${code ?? error.message}` };
}
