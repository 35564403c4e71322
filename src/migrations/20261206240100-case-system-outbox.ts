import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 24: the portal and the council talk. An outbox for task status events and professionals'
 * messages to the case system (sent in per-task order, the body dropped once delivered), the
 * message thread of a task, and when a task's holder first opened it (the "opened" event, once).
 */
export class Migration20261206240100CaseSystemOutbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE case_system_outbox (
        id uuid PRIMARY KEY,
        task_id uuid NOT NULL,
        task_sequence integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('task_event', 'message')),
        event_type text,
        body jsonb,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_until timestamptz,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT case_system_outbox_task_sequence_key UNIQUE (task_id, task_sequence)
      );
      -- The worker's claim: due pending items only.
      CREATE INDEX case_system_outbox_due_idx ON case_system_outbox (next_attempt_at, id) WHERE status = 'pending';
      CREATE INDEX case_system_outbox_status_idx ON case_system_outbox (status, id);

      CREATE TABLE task_messages (
        id uuid PRIMARY KEY,
        task_id uuid NOT NULL REFERENCES tasks (id),
        direction text NOT NULL CHECK (direction IN ('to_case_worker', 'from_case_worker')),
        author_account_id uuid,
        author_name text NOT NULL,
        body text NOT NULL,
        sent_at timestamptz NOT NULL
      );
      CREATE INDEX task_messages_task_idx ON task_messages (task_id, id);

      ALTER TABLE tasks ADD COLUMN first_opened_at timestamptz;
    `);
  }
}
