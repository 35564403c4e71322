import { Migration } from '@mikro-orm/migrations';

/**
 * Form definitions, tasks, attachments and the file store.
 *
 * `tasks` is designed for the whole lifecycle (work groups, pickup, re-assign, submission):
 * - `assignee_kind` says who holds the task now: a registered `account`, a `work_group` (held by the
 *   group until a member picks it up) or an `email` not registered yet (attached on registration).
 * - `work_group_id` is the group the task was delegated to or last passed through; it survives
 *   moves between people, unlike `holder_work_group_id`.
 * - `due_date` is a calendar `date` (read back as text by the driver): never shifted by time zones.
 * - `request_hash` makes `POST /integration/tasks` idempotent on `external_ref`.
 */
export class Migration20261128000200FormsAndTasks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE form_definitions (
        key text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        title text NOT NULL,
        definition jsonb NOT NULL,
        content_hash text NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (key, version)
      );

      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        external_ref text NOT NULL,
        request_hash text NOT NULL,
        form_key text NOT NULL,
        form_version integer NOT NULL,
        form_title text NOT NULL,
        subject_reference text NOT NULL,
        subject_display_name text,
        message text,
        prefill jsonb NOT NULL DEFAULT '{}',
        answers jsonb NOT NULL DEFAULT '{}',
        assignee_kind text NOT NULL,
        assignee_account_id uuid,
        assignee_email text,
        holder_work_group_id uuid,
        work_group_id uuid,
        status text NOT NULL DEFAULT 'open',
        version integer NOT NULL DEFAULT 1,
        due_date date NOT NULL,
        delegated_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        saved_at timestamptz,
        submitted_at timestamptz,
        withdrawn_at timestamptz,
        CONSTRAINT tasks_form_fk FOREIGN KEY (form_key, form_version) REFERENCES form_definitions (key, version),
        CONSTRAINT tasks_status_check CHECK (status IN ('open', 'in_progress', 'submitted', 'withdrawn')),
        CONSTRAINT tasks_assignee_check CHECK (
          (assignee_kind = 'account' AND assignee_account_id IS NOT NULL AND holder_work_group_id IS NULL)
          OR (assignee_kind = 'work_group' AND holder_work_group_id IS NOT NULL AND assignee_account_id IS NULL)
          OR (assignee_kind = 'email' AND assignee_email IS NOT NULL AND assignee_account_id IS NULL AND holder_work_group_id IS NULL)
        ),
        CONSTRAINT tasks_assignee_email_lower CHECK (assignee_email = lower(assignee_email))
      );
      CREATE UNIQUE INDEX tasks_external_ref_key ON tasks (external_ref);
      -- "Tasks to complete" and "recently submitted": one index range per person, keyset order inside it.
      CREATE INDEX tasks_to_complete_idx ON tasks (assignee_account_id, status, due_date, id);
      -- Held by a work group ("Tasks assigned to your work groups").
      CREATE INDEX tasks_holder_group_idx ON tasks (holder_work_group_id, status, due_date, id) WHERE holder_work_group_id IS NOT NULL;
      -- Tasks waiting for someone to register with this address.
      CREATE INDEX tasks_waiting_email_idx ON tasks (assignee_email) WHERE assignee_kind = 'email';

      CREATE TABLE stored_files (
        id uuid PRIMARY KEY,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE task_attachments (
        id uuid PRIMARY KEY,
        task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        file_id uuid NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        uploaded_by uuid,
        uploaded_at timestamptz NOT NULL
      );
      CREATE INDEX task_attachments_task_idx ON task_attachments (task_id, uploaded_at, id);
    `);
  }
}
