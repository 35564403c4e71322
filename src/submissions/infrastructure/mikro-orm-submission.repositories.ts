import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { columnsOf, fromRow } from '../../shared/database/row-mapper';
import { Sql } from '../../shared/database/sql';
import { isUuid } from '../../shared/ids';
import { Delivery, DeliveryStatus } from '../domain/delivery';
import { Submission } from '../domain/submission';
import { DeliveryListFilter, DeliveryListItem, DeliveryRepository, SubmissionRepository } from '../application/submission.ports';

@Injectable()
export class MikroOrmSubmissionRepository extends SubmissionRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly sql: Sql,
  ) {
    super();
  }

  async findById(id: string, options?: { forUpdate?: boolean }): Promise<Submission | null> {
    if (!isUuid(id)) return null;
    if (options?.forUpdate) return this.em.findOne(Submission, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    // A read (each delivery attempt makes one): one statement, a plain object, nothing for a flush to compare.
    const [row] = await this.sql.query<Record<string, unknown>>(
      `SELECT ${columnsOf(this.em, Submission)} FROM submissions WHERE id = ?`,
      [id],
    );
    return row ? fromRow(this.em, Submission, row) : null;
  }

  findByTaskId(taskId: string): Promise<Submission | null> {
    return isUuid(taskId) ? this.em.findOne(Submission, { taskId }) : Promise.resolve(null);
  }

  add(submission: Submission): void {
    this.em.persist(submission);
  }

  async flush(): Promise<void> {
    await this.em.flush();
  }

  async deliveredDueForPurge(submittedBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `SELECT s.id FROM submissions s JOIN deliveries d ON d.submission_id = s.id
        WHERE s.purged_at IS NULL AND s.submitted_at < ? AND d.status = 'delivered'
        ORDER BY s.submitted_at, s.id LIMIT ?`,
      [submittedBefore, limit],
    );
    return rows.map((r) => r.id);
  }
}

interface DeliveryRow {
  submission_id: string;
  task_id: string;
  external_ref: string;
  form_key: string;
  form_version: number;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  receipt_id: string | null;
  submitted_at: Date;
  delivered_at: Date | null;
  created_at: Date;
}

@Injectable()
export class MikroOrmDeliveryRepository extends DeliveryRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly sql: Sql,
  ) {
    super();
  }

  find(submissionId: string, options?: { forUpdate?: boolean }): Promise<Delivery | null> {
    if (!isUuid(submissionId)) return Promise.resolve(null);
    return this.em.findOne(Delivery, { submissionId }, options?.forUpdate ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  async findForOutcome(submissionId: string): Promise<Delivery | null> {
    if (!isUuid(submissionId)) return null;
    const [row] = await this.sql.query<Record<string, unknown>>(
      `SELECT ${columnsOf(this.em, Delivery)} FROM deliveries WHERE submission_id = ? FOR UPDATE`,
      [submissionId],
    );
    return row ? fromRow(this.em, Delivery, row) : null;
  }

  /** Every column `Delivery.record` may change. */
  async saveOutcome(d: Delivery): Promise<void> {
    await this.sql.query(
      `UPDATE deliveries SET status = ?, next_attempt_at = ?, lease_until = ?, last_error = ?, receipt_id = ?, delivered_at = ?,
              updated_at = ? WHERE submission_id = ?`,
      [d.status, d.nextAttemptAt, d.leaseUntil, d.lastError, d.receiptId, d.deliveredAt, d.updatedAt, d.submissionId],
    );
  }

  add(delivery: Delivery): void {
    this.em.persist(delivery);
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<string[]> {
    const rows = await this.sql.query<{ submission_id: string }>(
      `UPDATE deliveries SET lease_until = ?, attempts = attempts + 1, updated_at = ?
       WHERE submission_id IN (
         SELECT submission_id FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
         ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
       RETURNING submission_id`,
      [leaseUntil, now, now, now, limit],
    );
    return rows.map((r) => r.submission_id);
  }

  async list(
    filter: DeliveryListFilter,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<(DeliveryListItem & { createdAt: string })[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      where.push('d.status = ?');
      params.push(filter.status);
    }
    if (after) {
      where.push('(d.created_at, d.submission_id) < (?, ?)');
      params.push(after.createdAt, after.id);
    }
    params.push(limit);
    const rows = await this.em.execute<DeliveryRow[]>(
      `SELECT d.submission_id, s.task_id, s.external_ref, s.form_key, s.form_version, d.status, d.attempts,
              d.next_attempt_at, d.last_error, d.receipt_id, s.submitted_at, d.delivered_at, d.created_at
       FROM deliveries d JOIN submissions s ON s.id = d.submission_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY d.created_at DESC, d.submission_id DESC LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      submissionId: r.submission_id,
      taskId: r.task_id,
      externalRef: r.external_ref,
      form: { key: r.form_key, version: r.form_version },
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at).toISOString() : null,
      lastError: r.last_error,
      receiptId: r.receipt_id,
      submittedAt: new Date(r.submitted_at).toISOString(),
      deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  async count(status: DeliveryStatus): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>('SELECT count(*) AS n FROM deliveries WHERE status = ?', [status]);
    return Number(row.n);
  }

  async countUndeliveredSubmittedBefore(submittedBefore: Date): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(
      `SELECT count(*) AS n FROM deliveries d JOIN submissions s ON s.id = d.submission_id
        WHERE d.status <> 'delivered' AND s.submitted_at < ?`,
      [submittedBefore],
    );
    return Number(row.n);
  }
}
