import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry, AuditTrail } from '../../audit';
import { columnsOf, fromRow } from '../../shared/database/row-mapper';
import { Sql } from '../../shared/database/sql';
import { isUuid } from '../../shared/ids';
import { AttachmentRepository, LoadIntent, TaskKey, TaskRepository } from '../application/task.ports';
import { Attachment } from '../domain/attachment';
import { Task } from '../domain/task';

/** An arbitrary constant naming "delegation of one externalRef" among the portal's advisory locks. */
const EXTERNAL_REF_LOCK = 7_342_101;
/** …and "tasks waiting for this email". */
const ASSIGNEE_EMAIL_LOCK = 7_342_102;

type Condition = 'id' | 'externalRef' | 'waitingForEmail';
const WHERE: Record<Condition, string> = {
  id: 'id = ?',
  externalRef: 'external_ref = ?',
  waitingForEmail: "assignee_kind = 'email' AND assignee_email = ?",
};

/**
 * Tasks in PostgreSQL. Every load of the aggregate is one statement built here from the entity's
 * metadata and sent through `Sql` (prepared once per connection: the draft save, pickup and submit
 * are measured paths, BENCHMARKS.md). The row becomes the aggregate by the ORM's own hydration
 * (`em.map`: managed, refreshed if it was already in the identity map, so the unit of work writes what
 * changed), except for `replaceDraft`, whose row (without draft and prefill) is mapped detached and
 * written back by `saveDraft`: one guarded UPDATE with its audit entry, without an ORM context at all.
 */
@Injectable()
export class PostgresTaskRepository extends TaskRepository {
  private readonly statements = new Map<string, string>();

  constructor(
    private readonly em: EntityManager,
    private readonly sql: Sql,
    private readonly auditTrail: AuditTrail,
  ) {
    super();
  }

  async load(key: TaskKey, intent: LoadIntent): Promise<Task | null> {
    if ('id' in key && !isUuid(key.id)) return null;
    const [by, value] = 'id' in key ? (['id', key.id] as const) : (['externalRef', key.externalRef] as const);
    const [row] = await this.select(by, intent, value);
    if (!row) return null;
    return intent === 'replaceDraft' ? fromRow(this.em, Task, row) : this.em.map(Task, row);
  }

  async loadWaitingForEmail(email: string): Promise<Task[]> {
    const rows = await this.select('waitingForEmail', 'change', email.toLowerCase());
    return rows.map((row) => this.em.map(Task, row));
  }

  private select(by: Condition, intent: LoadIntent, value: string): Promise<Record<string, unknown>[]> {
    const key = `${by}:${intent}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const columns = columnsOf(this.em, Task, undefined, intent === 'replaceDraft' ? { except: ['answers', 'prefill'] } : {});
      statement = `SELECT ${columns} FROM tasks WHERE ${WHERE[by]}${intent === 'change' ? ' FOR UPDATE' : ''}`;
      this.statements.set(key, statement);
    }
    return this.sql.query<Record<string, unknown>>(statement, [value]);
  }

  async lockExternalRef(externalRef: string): Promise<void> {
    await this.em.execute('SELECT pg_advisory_xact_lock(?, hashtext(?))', [EXTERNAL_REF_LOCK, externalRef]);
  }

  async lockAssigneeEmail(email: string): Promise<void> {
    await this.em.execute('SELECT pg_advisory_xact_lock(?, hashtext(?))', [ASSIGNEE_EMAIL_LOCK, email.toLowerCase()]);
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
