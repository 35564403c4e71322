import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { validateContribution } from './contribution-validator';
import type { ContributionStore } from './contribution-store';
import type { FaultState } from './fault-state';
import type { StubAuth } from './auth';
import { exposeFiles } from './received-files';
import { InvalidJsonError, parseContributionStream } from './streaming-body';
import {
  ClientGoneError,
  PayloadTooLargeError,
  isJsonContentType,
  resetConnection,
  send,
  sendJson,
  sendProblem,
} from './http-io';

/** The body as parsed while it arrived, or the fact that it was not JSON. */
type Parsed = { ok: true; body: unknown } | { ok: false };

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
  auth?: StubAuth;
  /** Keep the decoded bytes of files (tests compare them); false keeps only sizes and hashes. */
  retainFiles: boolean;
}

function idempotencyKeyOf(req: IncomingMessage): string | undefined {
  const raw = req.headers['idempotency-key'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** The gateway's real behaviour: validate, store once per key, answer 201 then 200 on replays. */
function decide(deps: HandlerDeps, req: IncomingMessage, key: string | undefined, parsed: Parsed): Outcome {
  if (key === undefined) {
    return {
      kind: 'problem',
      status: 400,
      code: 'missing_idempotency_key',
      title: 'Idempotency-Key header required',
      detail: 'Send the submissionId as the Idempotency-Key header.',
    };
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    return {
      kind: 'problem',
      status: 415,
      code: 'unsupported_media_type',
      title: 'Body must be application/json',
      detail: `Content-Type was ${req.headers['content-type'] ?? 'missing'}.`,
    };
  }
  if (!parsed.ok) return { kind: 'problem', status: 400, code: 'invalid_json', title: 'Body is not valid JSON' };
  const body = parsed.body;
  // Replays are validated too: a retry carrying a different, broken body is still a portal bug worth surfacing.
  const failure = validateContribution(body, key);
  if (failure !== null) {
    return {
      kind: 'problem',
      status: 400,
      code: failure.code,
      title: 'Contribution rejected',
      errors: failure.errors.map(({ path, message }) => ({ path, message })),
    };
  }
  const { contribution, created } = deps.store.accept(key, exposeFiles(body as Record<string, unknown>));
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

  // The body's SHA-256 for an HMAC signature, taken from the same chunks the parser reads.
  const digest = deps.auth?.enabled ? createHash('sha256') : undefined;
  if (digest) req.on('data', (chunk: Buffer) => digest.update(chunk));

  let parsed: Parsed;
  try {
    // Parsed as it arrives: files are decoded and hashed on the fly, never held as base64 text.
    parsed = { ok: true, body: await parseContributionStream(req, MAX_CONTRIBUTION_BYTES, deps.retainFiles) };
  } catch (error) {
    if (error instanceof InvalidJsonError) parsed = { ok: false };
    else {
      if (error instanceof PayloadTooLargeError) {
        // Close afterwards: the rest of an oversized body is not worth reading off the socket.
        sendProblem(res, 413, 'payload_too_large', {
          title: 'Contribution too large',
          detail: `The limit is ${error.limit} bytes.`,
          headers: { connection: 'close' },
        });
        return;
      }
      if (error instanceof ClientGoneError) return;
      throw error;
    }
  }
  deps.store.countBody(key);

  // A council's gateway authenticates before anything else: unsigned, stale, replayed, wrongly
  // signed or badly tokened requests are 401 and stored nowhere.
  const refusal = deps.auth?.verify(req, digest?.digest('hex') ?? '') ?? null;
  if (refusal !== null) {
    deps.logger?.info({ key, refusal: refusal.code }, 'refused: not authenticated');
    sendProblem(res, 401, refusal.code, {
      title: 'Not authenticated',
      detail: refusal.detail,
      headers: { 'www-authenticate': 'Bearer realm="case-system", HMAC-SHA256' },
    });
    return;
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

  const outcome = decide(deps, req, key, parsed);
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
