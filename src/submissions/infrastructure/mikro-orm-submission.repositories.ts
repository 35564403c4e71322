import { Injectable } from '@nestjs/common';
import { FilterQuery, LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { columnsOf, fromRow } from '../../shared/database/row-mapper';
import { Sql } from '../../shared/database/sql';
import { isUuid } from '../../shared/ids';
import { Delivery, DeliveryStatus } from '../domain/delivery';
import { Submission } from '../domain/submission';
import { DeliveryListFilter, DeliveryListItem, DeliveryRepository, SubmissionRepository } from '../application/submission.ports';

/**
 * Submissions in PostgreSQL: the ORM, except the unlocked read each delivery attempt makes, one
 * prepared statement through `Sql` (the delivery path; BENCHMARKS.md).
 */
@Injectable()
export class PostgresSubmissionRepository extends SubmissionRepository {
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
    const delivered = this.em.createQueryBuilder(Delivery, 'd').select('d.submissionId').where({ status: 'delivered' });
    const rows = await this.em
      .createQueryBuilder(Submission, 's')
      .select('s.id')
      .where({ purgedAt: null, submittedAt: { $lt: submittedBefore }, id: { $in: delivered.getKnexQuery() } })
      .orderBy({ submittedAt: 'asc', id: 'asc' })
      .limit(limit)
      .execute<{ id: string }[]>('all', false);
    return rows.map((r) => r.id);
  }
}

/**
 * Deliveries in PostgreSQL: claim, the outcome's locked read and its write are prepared statements
 * through `Sql` (the delivery path; BENCHMARKS.md); the admin's list and counts go through the ORM.
 */
@Injectable()
export class PostgresDeliveryRepository extends DeliveryRepository {
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
              interrupted_attempts = ?, updated_at = ? WHERE submission_id = ?`,
      [
        d.status,
        d.nextAttemptAt,
        d.leaseUntil,
        d.lastError,
        d.receiptId,
        d.deliveredAt,
        d.interruptedAttempts,
        d.updatedAt,
        d.submissionId,
      ],
    );
  }

  add(delivery: Delivery): void {
    this.em.persist(delivery);
  }

  async claimDue(
    now: Date,
    leaseUntil: Date,
    limit: number,
    park: { afterInterruptions: number; reason: string },
  ): Promise<{ claimed: string[]; parked: string[] }> {
    // One statement, atomic on its own. In SET, columns are the old values: a lease still set means
    // the previous attempt never recorded its outcome (see Delivery.interruptedAttempts).
    const rows = await this.sql.query<{ submission_id: string; parked: boolean }>(
      `WITH due AS (
         SELECT submission_id, interrupted_attempts + (lease_until IS NOT NULL)::int AS interrupted FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
         ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
       UPDATE deliveries d SET
         interrupted_attempts = due.interrupted,
         attempts = d.attempts + (due.interrupted < ?)::int,
         lease_until = CASE WHEN due.interrupted < ? THEN ?::timestamptz END,
         status = CASE WHEN due.interrupted < ? THEN d.status ELSE 'failed' END,
         last_error = CASE WHEN due.interrupted < ? THEN d.last_error ELSE ? END,
         updated_at = ?
       FROM due WHERE d.submission_id = due.submission_id
       RETURNING d.submission_id, d.status = 'failed' AS parked`,
      [
        now,
        now,
        limit,
        park.afterInterruptions,
        park.afterInterruptions,
        leaseUntil,
        park.afterInterruptions,
        park.afterInterruptions,
        park.reason,
        now,
      ],
    );
    return {
      claimed: rows.filter((r) => !r.parked).map((r) => r.submission_id),
      parked: rows.filter((r) => r.parked).map((r) => r.submission_id),
    };
  }

  async extendLeases(submissionIds: string[], leaseUntil: Date): Promise<void> {
    if (!submissionIds.length) return;
    await this.sql.query(
      `UPDATE deliveries SET lease_until = ? WHERE submission_id = ANY(?::uuid[]) AND status = 'pending' AND lease_until IS NOT NULL`,
      [leaseUntil, submissionIds],
    );
  }

  /** The admin's list (not a measured path): a page of deliveries, then their submissions, through the ORM. */
  async list(
    filter: DeliveryListFilter,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<(DeliveryListItem & { createdAt: string })[]> {
    const where: FilterQuery<Delivery>[] = [];
    if (filter.status) where.push({ status: filter.status });
    if (after) {
      const at = new Date(after.createdAt);
      where.push({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, submissionId: { $lt: after.id } }] });
    }
    const deliveries = await this.em.find(Delivery, where.length ? { $and: where } : {}, {
      orderBy: [{ createdAt: 'desc' }, { submissionId: 'desc' }],
      limit,
      disableIdentityMap: true,
    });
    const submissions = deliveries.length
      ? await this.em.find(
          Submission,
          { id: { $in: deliveries.map((d) => d.submissionId) } },
          { fields: ['id', 'taskId', 'externalRef', 'formKey', 'formVersion', 'submittedAt'], disableIdentityMap: true },
        )
      : [];
    const byId = new Map(submissions.map((x) => [x.id, x]));
    return deliveries.flatMap((d) => {
      const s = byId.get(d.submissionId);
      if (!s) return [];
      return [
        {
          submissionId: d.submissionId,
          taskId: s.taskId,
          externalRef: s.externalRef,
          form: { key: s.formKey, version: s.formVersion },
          status: d.status,
          attempts: d.attempts,
          nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
          lastError: d.lastError,
          receiptId: d.receiptId,
          submittedAt: s.submittedAt.toISOString(),
          deliveredAt: d.deliveredAt ? d.deliveredAt.toISOString() : null,
          createdAt: d.createdAt.toISOString(),
        },
      ];
    });
  }

  count(status: DeliveryStatus): Promise<number> {
    return this.em.count(Delivery, { status });
  }

  countUndeliveredSubmittedBefore(submittedBefore: Date): Promise<number> {
    const submittedEarlier = this.em.createQueryBuilder(Submission, 's').select('s.id').where({ submittedAt: { $lt: submittedBefore } });
    return this.em
      .createQueryBuilder(Delivery, 'd')
      .where({ status: { $ne: 'delivered' }, submissionId: { $in: submittedEarlier.getKnexQuery() } })
      .getCount();
  }
}
