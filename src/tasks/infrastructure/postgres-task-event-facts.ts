import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Sql } from '../../shared/database/sql';
import { Task } from '../domain/task';
import { TaskEventFacts } from '../application/task-events.port';

/**
 * The first opening is marked through `Sql`: it happens inside the task page (GET /tasks/{id}, a
 * measured read, BENCHMARKS.md), which otherwise needs no ORM context at all; the column is no
 * property of the aggregate. Resetting the reminders (a changed due date) goes through the ORM.
 */
@Injectable()
export class PostgresTaskEventFacts extends TaskEventFacts {
  constructor(
    private readonly sql: Sql,
    private readonly em: EntityManager,
  ) {
    super();
  }

  async markFirstOpened(taskId: string, now: Date): Promise<{ externalRef: string } | null> {
    const [row] = await this.sql.query<{ external_ref: string }>(
      `UPDATE tasks SET first_opened_at = ? WHERE id = ? AND first_opened_at IS NULL AND status IN ('open', 'in_progress')
       RETURNING external_ref`,
      [now, taskId],
    );
    return row ? { externalRef: row.external_ref } : null;
  }

  async resetReminders(taskId: string): Promise<void> {
    await this.em.nativeUpdate(Task, { id: taskId }, { dueSoonRemindedAt: null, overdueRemindedAt: null });
  }
}
