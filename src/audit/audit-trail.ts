import { Injectable } from '@nestjs/common';
import { Clock } from '../shared/clock/clock';
import { Sql, SqlStatement } from '../shared/database/sql';
import { newId } from '../shared/ids';
import { isoInstant } from '../shared/database/iso-instant';
import { AuditAction, AuditActor, AuditEntry, AuditLog, AuditRecord } from './audit-log';

export interface AuditRow {
  id: string;
  /** A Date from a column; text when the row arrives inside json (`taskHistorySubquery`). */
  at: Date | string;
  actor_type: AuditActor['type'];
  actor_id: string | null;
  action: AuditAction;
  task_id: string | null;
  account_id: string | null;
  work_group_id: string | null;
  from_value: unknown;
  to_value: unknown;
}

/**
 * The append-only audit trail in PostgreSQL (`audit_log`), the adapter behind `AuditLog`. Written in
 * the caller's transaction, so it records only what happened. Its `statement` and
 * `taskHistorySubquery` are for the measured hot paths that fold the entry into a statement of their own.
 */
@Injectable()
export class AuditTrail extends AuditLog {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {
    super();
  }

  async record(entry: AuditEntry): Promise<void> {
    const { sql, params } = this.statement(entry);
    await this.sql.query(sql, params);
  }

  /**
   * The INSERT that records `entry`, for a caller that writes it as part of one statement of its own
   * (`Sql.guarded`): an `INSERT … SELECT` of typed values, so a condition can be appended to it.
   */
  statement(entry: AuditEntry): SqlStatement {
    return {
      sql: `INSERT INTO audit_log (id, at, actor_type, actor_id, action, task_id, account_id, work_group_id, from_value, to_value)
            SELECT CAST(? AS uuid), CAST(? AS timestamptz), ?, CAST(? AS uuid), ?, CAST(? AS uuid), CAST(? AS uuid), CAST(? AS uuid),
                   CAST(? AS jsonb), CAST(? AS jsonb)`,
      params: [
        newId(),
        this.clock.now(),
        entry.actor.type,
        entry.actor.type === 'account' ? entry.actor.id : null,
        entry.action,
        entry.taskId ?? null,
        entry.accountId ?? null,
        entry.workGroupId ?? null,
        entry.from === undefined ? null : JSON.stringify(entry.from),
        entry.to === undefined ? null : JSON.stringify(entry.to),
      ],
    };
  }

  /**
   * Retention: deletes the entries recorded before `cutoff`, oldest first, in batches so no single
   * statement holds many locks. Returns how many went.
   */
  async purgeBefore(cutoff: Date, batch = 5_000): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.sql.query<{ id: string }>(
        `DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ? ORDER BY at LIMIT ?) RETURNING id`,
        [cutoff, batch],
      );
      total += rows.length;
      if (rows.length < batch) return total;
    }
  }

  /** Newest first, keyset-paginated on the time-ordered id. */
  async list(filter: { accountId?: string; taskId?: string; action?: string }, limit: number, before?: string): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.accountId) {
      where.push('(account_id = ? OR actor_id = ?)');
      params.push(filter.accountId, filter.accountId);
    }
    if (filter.taskId) {
      where.push('task_id = ?');
      params.push(filter.taskId);
    }
    if (filter.action) {
      where.push('action = ?');
      params.push(filter.action);
    }
    if (before) {
      where.push('id < ?');
      params.push(before);
    }
    params.push(limit);
    const rows = await this.sql.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      params,
    );
    return rows.map(auditRecordOf);
  }
}

const AUDIT_COLUMNS = 'id, at, actor_type, actor_id, action, task_id, account_id, work_group_id, from_value, to_value';

/**
 * A task's latest entries, newest first, as one json array of audit rows: for a read model that
 * shows them within its own statement (the task page is one statement), mapped back with
 * `auditRecordOf`. `taskId` is a column of that statement (e.g. `t.id`), never input; one `?` for
 * the number of entries.
 */
export function taskHistorySubquery(taskId: string): string {
  return `(SELECT coalesce(json_agg(h ORDER BY h.id DESC), '[]')
             FROM (SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE task_id = ${taskId} ORDER BY id DESC LIMIT ?) h)`;
}

export function auditRecordOf(row: AuditRow): AuditRecord {
  const record: AuditRecord = {
    id: row.id,
    at: isoInstant(row.at),
    actor: row.actor_id ? { type: row.actor_type, id: row.actor_id } : { type: row.actor_type },
    action: row.action,
  };
  if (row.task_id) record.taskId = row.task_id;
  if (row.account_id) record.accountId = row.account_id;
  if (row.work_group_id) record.workGroupId = row.work_group_id;
  if (row.from_value !== null) record.from = row.from_value;
  if (row.to_value !== null) record.to = row.to_value;
  return record;
}
