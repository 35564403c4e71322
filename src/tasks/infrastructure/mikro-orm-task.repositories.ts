import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry, AuditTrail } from '../../audit/audit-trail';
import { columnsOf, fromRow } from '../../shared/database/row-mapper';
import { Sql } from '../../shared/database/sql';
import { isUuid } from '../../shared/ids';
import { AttachmentRepository, FindOptions, TaskRepository } from '../application/task.ports';
import { Attachment } from '../domain/attachment';
import { Task } from '../domain/task';

function lock(options?: FindOptions) {
  return options?.forUpdate ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
}

/** An arbitrary constant naming "delegation of one externalRef" among the portal's advisory locks. */
const EXTERNAL_REF_LOCK = 7_342_101;
/** …and "tasks waiting for this email". */
const ASSIGNEE_EMAIL_LOCK = 7_342_102;

@Injectable()
export class MikroOrmTaskRepository extends TaskRepository {
  private draftReplacementRead?: string;

  constructor(
    private readonly em: EntityManager,
    private readonly sql: Sql,
    private readonly auditTrail: AuditTrail,
  ) {
    super();
  }

  findById(id: string, options?: FindOptions): Promise<Task | null> {
    return isUuid(id) ? this.em.findOne(Task, { id }, { ...lock(options), refresh: options?.forUpdate }) : Promise.resolve(null);
  }

  findByExternalRef(externalRef: string, options?: FindOptions): Promise<Task | null> {
    return this.em.findOne(Task, { externalRef }, { ...lock(options), refresh: options?.forUpdate });
  }

  findWaitingForEmail(email: string): Promise<Task[]> {
    return this.em.find(
      Task,
      { assigneeKind: 'email', assigneeEmail: email.toLowerCase() },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
  }

  async lockExternalRef(externalRef: string): Promise<void> {
    await this.em.execute('SELECT pg_advisory_xact_lock(?, hashtext(?))', [EXTERNAL_REF_LOCK, externalRef]);
  }

  async lockAssigneeEmail(email: string): Promise<void> {
    await this.em.execute('SELECT pg_advisory_xact_lock(?, hashtext(?))', [ASSIGNEE_EMAIL_LOCK, email.toLowerCase()]);
  }

  async findForDraftReplacement(id: string): Promise<Task | null> {
    if (!isUuid(id)) return null;
    // Every column but the draft and the prefill.
    this.draftReplacementRead ??= `SELECT ${columnsOf(this.em, Task, undefined, { except: ['answers', 'prefill'] })} FROM tasks WHERE id = ?`;
    const [row] = await this.sql.query<Record<string, unknown>>(this.draftReplacementRead, [id]);
    return row ? fromRow(this.em, Task, row) : null;
  }

  /** One statement: the UPDATE, guarded by the version read, and the audit entry only if it matched. */
  saveDraft(task: Task, readVersion: number, audit: AuditEntry): Promise<boolean> {
    return this.sql.guarded(
      {
        sql: 'UPDATE tasks SET answers = ?::jsonb, status = ?, version = ?, saved_at = ?, updated_at = ? WHERE id = ? AND version = ?',
        params: [JSON.stringify(task.answers), task.status, task.version, task.savedAt, task.updatedAt, task.id, readVersion],
      },
      [this.auditTrail.statement(audit)],
    );
  }

  add(task: Task): void {
    this.em.persist(task);
  }

  async flush(): Promise<void> {
    await this.em.flush();
  }
}

@Injectable()
export class MikroOrmAttachmentRepository extends AttachmentRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  listForTask(taskId: string): Promise<Attachment[]> {
    return this.em.find(Attachment, { taskId }, { orderBy: { uploadedAt: 'asc', id: 'asc' } });
  }

  countForTask(taskId: string): Promise<number> {
    return this.em.count(Attachment, { taskId });
  }

  find(taskId: string, attachmentId: string): Promise<Attachment | null> {
    return isUuid(attachmentId) ? this.em.findOne(Attachment, { id: attachmentId, taskId }) : Promise.resolve(null);
  }

  add(attachment: Attachment): void {
    this.em.persist(attachment);
  }

  remove(attachment: Attachment): void {
    this.em.remove(attachment);
  }

  async removeAllForTask(taskId: string): Promise<Attachment[]> {
    const all = await this.listForTask(taskId);
    all.forEach((a) => this.em.remove(a));
    return all;
  }
}
