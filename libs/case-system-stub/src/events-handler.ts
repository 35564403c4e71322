import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultState } from './fault-state';
import { isJsonContentType, readBody, resetConnection, send, sendJson, sendProblem } from './http-io';
import type { StubAutoReply, StubTaskItem } from './types';

const MAX_BYTES = 1024 * 1024;
const EVENT_TYPES = ['opened', 'picked_up', 'reassigned', 'declined', 'submitted', 'overdue'];

/**
 * `POST /task-events` and `POST /messages`: what the portal tells the case system about a task
 * (docs/case-system-events.md). Stored once per Idempotency-Key, in arrival order; faults of their
 * own (so a test can take these down while contributions flow, or the other way round).
 */
export class TaskItemStore {
  readonly events: StubTaskItem[] = [];
  readonly messages: StubTaskItem[] = [];
  readonly faults = new FaultState();
  autoReply: StubAutoReply | null = null;
  private readonly byKey = new Map<string, StubTaskItem>();
  requests = 0;

  clear(): void {
    this.events.length = 0;
    this.messages.length = 0;
    this.byKey.clear();
    this.requests = 0;
    this.faults.set(null);
    this.autoReply = null;
  }

  async handle(kind: 'event' | 'message', req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests += 1;
    const fault = this.faults.take();
    if (fault?.kind === 'reset') return resetConnection(req.socket);
    if (fault?.kind === 'status') return send(res, fault.status, fault.body ?? '', { 'content-type': 'text/plain' });
    const key = String(req.headers['idempotency-key'] ?? '').trim();
    if (!isJsonContentType(req.headers['content-type'])) {
      return sendProblem(res, 415, 'unsupported_media_type', { title: 'Send application/json' });
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(req, MAX_BYTES)).toString('utf8')) as Record<string, unknown>;
    } catch {
      return sendProblem(res, 400, 'invalid_request', { title: 'The body is not JSON' });
    }
    const problem = validate(kind, key, body);
    if (problem) return sendProblem(res, 400, 'invalid_request', { title: problem });
    const existing = this.byKey.get(key);
    if (existing) return sendJson(res, 200, { receiptId: existing.receiptId });
    const item: StubTaskItem = { receiptId: `CS-${randomUUID()}`, idempotencyKey: key, body, receivedAt: new Date().toISOString() };
    this.byKey.set(key, item);
    (kind === 'event' ? this.events : this.messages).push(item);
    sendJson(res, 201, { receiptId: item.receiptId });
    if (kind === 'message' && this.autoReply) void this.reply(this.autoReply, String(body.taskExternalRef));
  }

  /** The case worker answers through the portal's integration API, as the real case system would. */
  async reply(to: StubAutoReply, taskExternalRef: string): Promise<number> {
    const response = await fetch(`${to.portalUrl}/api/v1/integration/tasks/${encodeURIComponent(taskExternalRef)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${to.integrationKey}` },
      body: JSON.stringify({ body: to.body, ...(to.author ? { author: to.author } : {}) }),
    }).catch(() => null);
    await response?.text();
    return response?.status ?? 0;
  }
}

function validate(kind: 'event' | 'message', key: string, body: Record<string, unknown>): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a JSON object';
  if (!key) return 'Idempotency-Key is required';
  const id = kind === 'event' ? body.eventId : body.messageId;
  if (id !== key) return `${kind === 'event' ? 'eventId' : 'messageId'} must equal the Idempotency-Key`;
  if (typeof body.taskExternalRef !== 'string' || !body.taskExternalRef) return 'taskExternalRef is required';
  if (typeof body.sequence !== 'number' || !Number.isInteger(body.sequence) || body.sequence < 1) return 'sequence must be a positive integer';
  if (kind === 'event' && !EVENT_TYPES.includes(String(body.type))) return `type must be one of ${EVENT_TYPES.join(', ')}`;
  if (kind === 'message' && (typeof body.body !== 'string' || !body.body)) return 'body is required';
  return null;
}
