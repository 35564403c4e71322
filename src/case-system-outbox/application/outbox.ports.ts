import type { TaskEventType } from '../../shared/outbox/task-event-types';
import { OutboundItem, OutboundKind, OutboundStatus } from '../domain/outbound-item';

/** The JSON sent to the case system, kept until it is delivered (then dropped: it may describe the child). */
export type OutboundBody = Record<string, unknown>;

export interface NewOutboundItem {
  id: string;
  taskId: string;
  kind: OutboundKind;
  eventType: TaskEventType | null;
  /** Built with the task's sequence number, which the store assigns. */
  body: (taskSequence: number) => OutboundBody;
  now: Date;
}

export interface OutboundListItem {
  id: string;
  taskId: string;
  taskSequence: number;
  kind: OutboundKind;
  eventType: TaskEventType | null;
  status: OutboundStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export abstract class OutboxStore {
  /** In the caller's transaction, which must hold the task's row lock (the sequence is max + 1). */
  abstract add(item: NewOutboundItem): Promise<number>;
  /** Claims up to `limit` due items whose earlier items of the same task are all settled. */
  abstract claimDue(now: Date, leaseUntil: Date, limit: number): Promise<string[]>;
  abstract findBody(id: string): Promise<{ kind: OutboundKind; body: OutboundBody | null } | null>;
  /** Locked until commit. */
  abstract findForOutcome(id: string): Promise<OutboundItem | null>;
  /** Saves the state; a delivered item's body is dropped. */
  abstract saveOutcome(item: OutboundItem): Promise<void>;
  abstract list(filter: { status?: OutboundStatus; taskId?: string }, limit: number, before?: string): Promise<OutboundListItem[]>;
  abstract count(status: OutboundStatus): Promise<number>;
}

export type SendResult = { kind: 'accepted'; receiptId: string } | { kind: 'retryable'; error: string } | { kind: 'refused'; error: string };

/** POST {CASE_SYSTEM_URL}/task-events and /messages. */
export abstract class CaseSystemEventsGateway {
  abstract send(kind: OutboundKind, idempotencyKey: string, body: OutboundBody): Promise<SendResult>;
}
