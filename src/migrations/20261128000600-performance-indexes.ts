import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes found by the benchmark (`npm run bench`, BENCHMARKS.md) at a million tasks: every list
 * query is one index range read in order, never a sequential scan over tasks and never a sort of a
 * whole backlog. Built in the migration's transaction (a few seconds at a million tasks, during
 * which writes to these tables wait).
 */
export class Migration20261128000600PerformanceIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- "Tasks assigned to your work groups": each group's active tasks in due-date order; the list
      -- takes at most a page from each of the member's groups (LATERAL) and merges them.
      CREATE INDEX tasks_holder_group_due_idx ON tasks (holder_work_group_id, due_date, id)
        WHERE holder_work_group_id IS NOT NULL AND status IN ('open', 'in_progress');
      -- "Tasks held by fellow members": active tasks that came through a group and a person holds.
      CREATE INDEX tasks_group_members_idx ON tasks (work_group_id, due_date, id)
        WHERE work_group_id IS NOT NULL AND assignee_kind = 'account' AND status IN ('open', 'in_progress');
      -- The helpdesk's task list: every task by due date, filtered by work group (held or passed through).
      CREATE INDEX tasks_due_idx ON tasks (due_date, id);
      CREATE INDEX tasks_work_group_idx ON tasks (work_group_id) WHERE work_group_id IS NOT NULL;
      -- Active tasks by due date: the helpdesk's "overdue" list and the due-date reminder job.
      CREATE INDEX tasks_active_due_idx ON tasks (due_date, id) WHERE status IN ('open', 'in_progress');
      -- "Recently submitted": one person's submissions, newest first.
      CREATE INDEX tasks_recently_submitted_idx ON tasks (assignee_account_id, submitted_at, id) WHERE status = 'submitted';
      -- The retention job's withdrawn tasks that may still hold content.
      CREATE INDEX tasks_withdrawn_idx ON tasks (id) WHERE status = 'withdrawn';
      -- The helpdesk's audit by account matches the actor as well as the subject.
      CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id) WHERE actor_id IS NOT NULL;
    `);
  }
}
