import { Migration } from '@mikro-orm/migrations';

/**
 * Submission snapshots and the delivery outbox. A submission is immutable once written; its
 * delivery row is claimed by one worker at a time (`FOR UPDATE SKIP LOCKED` plus a lease) and
 * retried with backoff until the case system has it.
 */
export class Migration20261128000400Submissions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE submissions (
        id uuid PRIMARY KEY,
        task_id uuid NOT NULL,
        external_ref text NOT NULL,
        form_key text NOT NULL,
        form_version integer NOT NULL,
        subject jsonb NOT NULL,
        answers jsonb,
        attachments jsonb NOT NULL DEFAULT '[]',
        submitted_by jsonb NOT NULL,
        submitted_at timestamptz NOT NULL,
        pdf_file_id uuid,
        pdf_sha256 text NOT NULL,
        purged_at timestamptz
      );
      CREATE UNIQUE INDEX submissions_task_key ON submissions (task_id);
      CREATE INDEX submissions_retention_idx ON submissions (submitted_at) WHERE purged_at IS NULL;

      CREATE TABLE deliveries (
        submission_id uuid PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_until timestamptz,
        last_error text,
        receipt_id text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX deliveries_status_idx ON deliveries (status, created_at, submission_id);

      ALTER TABLE tasks ADD COLUMN due_soon_reminded_at timestamptz;
      ALTER TABLE tasks ADD COLUMN overdue_reminded_at timestamptz;
    `);
  }
}
