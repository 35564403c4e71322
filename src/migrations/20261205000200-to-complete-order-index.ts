import { Migration } from '@mikro-orm/migrations';

/**
 * "Tasks to complete" in its default order as one index range: the person's active tasks by due date.
 * The (assignee, status, due date) index answers it only by reading all of the person's tasks, both
 * statuses and the submitted ones between them, and sorting (0.97 ms against 0.59 ms at a million
 * tasks; the page's PostgreSQL CPU 0.66 → 0.46-0.55 ms, BENCHMARKS.md fifth round). That index stays
 * for the lists filtered by one status. Built in the migration's transaction (about a second per
 * million tasks, during which writes to tasks wait).
 */
export class Migration20261205000200ToCompleteOrderIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE INDEX tasks_to_complete_due_idx ON tasks (assignee_account_id, due_date, id)
        WHERE status IN ('open', 'in_progress');
    `);
  }
}
