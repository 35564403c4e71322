import { Migration } from '@mikro-orm/migrations';

/**
 * The helpdesk finds a task by its case reference, whatever its case (GET /admin/tasks?reference=):
 * one index entry instead of a read of every task. The search by email uses the indexes on the
 * holder and on waiting addresses; the search by part of the child's name reads the tasks the other
 * filters leave (it is the helpdesk's, a few times a day, not a list professionals poll).
 */
export class Migration20261206260100HelpdeskSearchIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX tasks_subject_reference_lower_idx ON tasks (lower(subject_reference));`);
  }
}
