import { Injectable } from '@nestjs/common';
import { DeliveryConfig } from '../../config/config-slices';
import { Clock } from '../../shared/clock/clock';
import { newId } from '../../shared/ids';
import type { TaskEventType } from '../../shared/outbox/task-event-types';
import { OutboxStore } from './outbox.ports';

/** Who did it, as the case system is told: a person with an account, or the portal itself. */
export type EventActor = { type: 'account'; accountId: string; name: string; email: string } | { type: 'system' };

export interface TaskEventInput {
  taskId: string;
  externalRef: string;
  type: TaskEventType;
  actor: EventActor;
  /** Small, type-specific facts (a decline's reason, a submission id, the due date of an overdue task). */
  details?: Record<string, unknown>;
}

export interface OutboundMessageInput {
  id: string;
  taskId: string;
  externalRef: string;
  from: { accountId: string; name: string; email: string; organisation: string | null };
  body: string;
  sentAt: Date;
}

/**
 * What other contexts call to tell the case system something about a task: the item is written in
 * the caller's transaction (an outbox; the caller holds the task's row lock) and sent after commit
 * by the outbox worker. Event types this deployment does not send are dropped here.
 */
@Injectable()
export class CaseSystemOutbox {
  private readonly enabled: ReadonlySet<TaskEventType>;

  constructor(
    private readonly store: OutboxStore,
    private readonly clock: Clock,
    config: DeliveryConfig,
  ) {
    this.enabled = new Set(config.caseSystemTaskEvents);
  }

  /** Returns the event id, or null when this deployment does not send that type. */
  async taskEvent(event: TaskEventInput): Promise<string | null> {
    if (!this.enabled.has(event.type)) return null;
    const id = newId();
    const now = this.clock.now();
    await this.store.add({
      id,
      taskId: event.taskId,
      kind: 'task_event',
      eventType: event.type,
      now,
      body: (sequence) => ({
        eventId: id,
        type: event.type,
        taskExternalRef: event.externalRef,
        sequence,
        occurredAt: now.toISOString(),
        actor: event.actor,
        details: event.details ?? {},
      }),
    });
    return id;
  }

  async message(message: OutboundMessageInput): Promise<void> {
    await this.store.add({
      id: message.id,
      taskId: message.taskId,
      kind: 'message',
      eventType: null,
      now: this.clock.now(),
      body: (sequence) => ({
        messageId: message.id,
        taskExternalRef: message.externalRef,
        sequence,
        sentAt: message.sentAt.toISOString(),
        from: message.from,
        body: message.body,
      }),
    });
  }
}
