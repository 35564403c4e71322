import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { RetentionQueries } from '../application/submission.ports';

/** A read over the tasks tables (as list reads are): which withdrawn tasks still hold anything. */
@Injectable()
export class SqlRetentionQueries extends RetentionQueries {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async withdrawnTasksHoldingContent(limit: number): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `SELECT t.id FROM tasks t
        WHERE t.status = 'withdrawn'
          AND (t.answers <> '{}'::jsonb OR t.prefill <> '{}'::jsonb OR t.message IS NOT NULL OR t.subject_display_name IS NOT NULL
               OR EXISTS (SELECT 1 FROM task_attachments a WHERE a.task_id = t.id))
        ORDER BY t.id LIMIT ?`,
      [limit],
    );
    return rows.map((r) => r.id);
  }
}
