import { Injectable } from '@nestjs/common';
import { Sql } from '../../shared/database/sql';
import { isUuid } from '../../shared/ids';
import type { TaskEventType } from '../../shared/outbox/task-event-types';
import { OutboundItem, OutboundKind, OutboundStatus } from '../domain/outbound-item';
import { NewOutboundItem, OutboundBody, OutboundListItem, OutboxStore } from '../application/outbox.ports';

interface ItemRow {
  id: string;
  task_id: string;
  task_sequence: number;
  kind: OutboundKind;
  event_type: TaskEventType | null;
  status: OutboundStatus;
  attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'id, task_id, task_sequence, kind, event_type, status, attempts, next_attempt_at, lease_until, last_error, delivered_at, created_at, updated_at';

/** The task-event and message outbox in one table, written and claimed with plain statements. */
@Injectable()
export class SqlOutboxStore extends OutboxStore {
  constructor(private readonly sql: Sql) {
    super();
  }

  async add(item: NewOutboundItem): Promise<number> {
    // The caller holds the task's row lock, so max + 1 cannot race; the unique key is the backstop.
    const [{ next }] = await this.sql.query<{ next: number }>(
      'SELECT coalesce(max(task_sequence), 0) + 1 AS next FROM case_system_outbox WHERE task_id = ?',
      [item.taskId],
    );
    const sequence = Number(next);
    await this.sql.query(
      `INSERT INTO case_system_outbox (id, task_id, task_sequence, kind, event_type, body, status, attempts, next_attempt_at,
                                       created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), 'pending', 0, ?, ?, ?)`,
      [item.id, item.taskId, sequence, item.kind, item.eventType, JSON.stringify(item.body(sequence)), item.now, item.now, item.now],
    );
    return sequence;
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<string[]> {
    // One UPDATE … WHERE … (SELECT … FOR UPDATE SKIP LOCKED): atomic on its own. An item waits while
    // an earlier item of its task is still pending (leased or backing off): per-task order.
    const rows = await this.sql.query<{ id: string }>(
      `UPDATE case_system_outbox SET lease_until = ?, attempts = attempts + 1, updated_at = ?
       WHERE id IN (
         SELECT o.id FROM case_system_outbox o
          WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until <= ?)
            AND NOT EXISTS (SELECT 1 FROM case_system_outbox e
                             WHERE e.task_id = o.task_id AND e.task_sequence < o.task_sequence AND e.status = 'pending')
          ORDER BY o.next_attempt_at, o.id LIMIT ? FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [leaseUntil, now, now, now, limit],
    );
    return rows.map((r) => r.id);
  }

  async findBody(id: string): Promise<{ kind: OutboundKind; body: OutboundBody | null } | null> {
    const [row] = await this.sql.query<{ kind: OutboundKind; body: OutboundBody | null }>(
      'SELECT kind, body FROM case_system_outbox WHERE id = ?',
      [id],
    );
    return row ?? null;
  }

  async findForOutcome(id: string): Promise<OutboundItem | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.sql.query<ItemRow>(`SELECT ${COLUMNS} FROM case_system_outbox WHERE id = ? FOR UPDATE`, [id]);
    return row ? itemOf(row) : null;
  }

  async saveOutcome(i: OutboundItem): Promise<void> {
    await this.sql.query(
      `UPDATE case_system_outbox SET status = ?, next_attempt_at = ?, lease_until = ?, last_error = ?, delivered_at = ?, updated_at = ?,
              body = CASE WHEN ? = 'delivered' THEN NULL ELSE body END
        WHERE id = ?`,
      [i.status, i.nextAttemptAt, i.leaseUntil, i.lastError, i.deliveredAt, i.updatedAt, i.status, i.id],
    );
  }

  async list(filter: { status?: OutboundStatus; taskId?: string }, limit: number, before?: string): Promise<OutboundListItem[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.taskId) {
      where.push('task_id = ?');
      params.push(filter.taskId);
    }
    if (before) {
      where.push('id < ?');
      params.push(before);
    }
    params.push(limit);
    const rows = await this.sql.query<ItemRow>(
      `SELECT ${COLUMNS} FROM case_system_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      taskId: r.task_id,
      taskSequence: Number(r.task_sequence),
      kind: r.kind,
      eventType: r.event_type,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at).toISOString() : null,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
    }));
  }

  async count(status: OutboundStatus): Promise<number> {
    const [row] = await this.sql.query<{ n: string }>('SELECT count(*) AS n FROM case_system_outbox WHERE status = ?', [status]);
    return Number(row.n);
  }
}

function itemOf(r: ItemRow): OutboundItem {
  const item = new OutboundItem();
  item.id = r.id;
  item.taskId = r.task_id;
  item.taskSequence = Number(r.task_sequence);
  item.kind = r.kind;
  item.eventType = r.event_type;
  item.status = r.status;
  item.attempts = r.attempts;
  item.nextAttemptAt = new Date(r.next_attempt_at);
  item.leaseUntil = r.lease_until ? new Date(r.lease_until) : null;
  item.lastError = r.last_error;
  item.deliveredAt = r.delivered_at ? new Date(r.delivered_at) : null;
  item.updatedAt = new Date(r.updated_at);
  return item;
}
