import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { validateContribution } from './contribution-validator';
import type { ContributionStore } from './contribution-store';
import type { FaultState } from './fault-state';
import {
  ClientGoneError,
  PayloadTooLargeError,
  isJsonContentType,
  readBody,
  resetConnection,
  send,
  sendJson,
  sendProblem,
} from './http-io';

/** 20 attachments of up to 10 MiB grow by a third in base64, plus the PDF and answers: 400 MiB is ample. */
export const MAX_CONTRIBUTION_BYTES = 400 * 1024 * 1024;

/** A response decided by the normal (fault-free) logic, held back so a fault can replace it. */
type Outcome =
  | { kind: 'json'; status: number; value: unknown; headers?: Record<string, string> }
  | { kind: 'problem'; status: number; code: string; title: string; detail?: string; errors?: unknown[] };

export interface HandlerDeps {
  store: ContributionStore;
  faults: FaultState;
  logger: Logger | undefined;
  /** Resolves true after `ms`, or false early if the stub is closing (so close() never waits on a delay). */
  sleep(ms: number): Promise<boolean>;
}

function idempotencyKeyOf(req: IncomingMessage): string | undefined {
  const raw = req.headers['idempotency-key'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** The gateway's real behaviour: validate, store once per key, answer 201 then 200 on replays. */
function decide(deps: HandlerDeps, req: IncomingMessage, key: string | undefined, raw: Buffer): Outcome {
  if (key === undefined) {
    return {
      kind: 'problem', status: 400, code: 'missing_idempotency_key', title: 'Idempotency-Key header required',
      detail: 'Send the submissionId as the Idempotency-Key header.',
    };
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    return {
      kind: 'problem', status: 415, code: 'unsupported_media_type', title: 'Body must be application/json',
      detail: `Content-Type was ${req.headers['content-type'] ?? 'missing'}.`,
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return { kind: 'problem', status: 400, code: 'invalid_json', title: 'Body is not valid JSON' };
  }
  // Replays are validated too: a retry carrying a different, broken body is still a portal bug worth surfacing.
  const failure = validateContribution(body, key);
  if (failure !== null) {
    return {
      kind: 'problem', status: 400, code: failure.code, title: 'Contribution rejected',
      errors: failure.errors.map(({ path, message }) => ({ path, message })),
    };
  }
  const { contribution, created } = deps.store.accept(key, body);
  return {
    kind: 'json',
    status: created ? 201 : 200,
    value: { receiptId: contribution.receiptId },
    // Lets a test (or a curious operator) tell a replay from a first receipt without comparing ids.
    headers: created ? {} : { 'idempotent-replayed': 'true' },
  };
}

function respond(res: ServerResponse, outcome: Outcome): void {
  if (outcome.kind === 'json') sendJson(res, outcome.status, outcome.value, outcome.headers);
  else sendProblem(res, outcome.status, outcome.code, outcome);
}

/** POST /contributions, with any injected fault applied. */
export async function handleContribution(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const key = idempotencyKeyOf(req);
  deps.store.countRequest(key);
  const fault = deps.faults.take();
  if (fault !== null) res.setHeader('x-stub-fault', fault.kind);

  if (fault?.kind === 'reset') {
    // Before reading the body: the client sees the connection die mid-request, as with a crashed gateway.
    resetConnection(req.socket);
    return;
  }

  let raw: Buffer;
  try {
    raw = await readBody(req, MAX_CONTRIBUTION_BYTES);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      // Close afterwards: the rest of an oversized body is not worth reading off the socket.
      sendProblem(res, 413, 'payload_too_large', {
        title: 'Contribution too large', detail: `The limit is ${error.limit} bytes.`, headers: { connection: 'close' },
      });
      return;
    }
    if (error instanceof ClientGoneError) return;
    throw error;
  }

  switch (fault?.kind) {
    case 'status': {
      const body = fault.body ?? JSON.stringify({ code: 'injected_fault', status: fault.status });
      send(res, fault.status, body, { 'content-type': looksLikeJson(body) ? 'application/json' : 'text/plain; charset=utf-8' });
      return;
    }
    case 'garbage':
      // Claims to be JSON but is an HTML error page: the worst case for a client that trusts headers.
      send(res, 200, '<html><body><h1>502 Bad Gateway</h1>upstream said: {receiptId:', { 'content-type': 'application/json' });
      return;
    case 'slow':
      // The request is then handled normally (and stored), as a slow real gateway would: the
      // client may have timed out, and its retry must then get the same receipt.
      if (!(await deps.sleep(fault.delayMs))) return;
      break;
    default:
      break;
  }

  const outcome = decide(deps, req, key, raw);
  if (fault?.kind === 'accept-then-reset') {
    deps.logger?.info({ key, wouldHaveAnswered: outcome.status }, 'accept-then-reset: dropping the connection after storing');
    resetConnection(req.socket);
    return;
  }
  respond(res, outcome);
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
