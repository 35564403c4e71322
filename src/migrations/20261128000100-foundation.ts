import { Migration } from '@mikro-orm/migrations';

/** Identity, sessions, the mail outbox and the audit trail. */
export class Migration20261128000100Foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        password_hash text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        job_title text,
        organisation text NOT NULL,
        phone text,
        address jsonb NOT NULL,
        roles text[] NOT NULL DEFAULT '{professional}',
        disabled boolean NOT NULL DEFAULT false,
        failed_login_count integer NOT NULL DEFAULT 0,
        failed_login_window_started_at timestamptz,
        locked_until timestamptz,
        lock_notice_sent_at timestamptz,
        code_failures_day text,
        code_failures_count integer NOT NULL DEFAULT 0,
        already_registered_notice_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT accounts_email_lower CHECK (email = lower(email))
      );
      CREATE UNIQUE INDEX accounts_email_key ON accounts (email);

      CREATE TABLE registrations (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        details jsonb,
        password_hash text,
        code_hash text,
        code_sent_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        resend_count integer NOT NULL DEFAULT 0,
        used_at timestamptz,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX registrations_created_at_idx ON registrations (created_at);

      CREATE TABLE login_challenges (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        code_hash text,
        code_sent_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        resend_count integer NOT NULL DEFAULT 0,
        used_at timestamptz,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX login_challenges_account_idx ON login_challenges (account_id);
      CREATE INDEX login_challenges_created_at_idx ON login_challenges (created_at);

      CREATE TABLE password_resets (
        id uuid PRIMARY KEY,
        account_id uuid REFERENCES accounts(id) ON DELETE CASCADE,
        code_hash text,
        code_sent_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        resend_count integer NOT NULL DEFAULT 0,
        used_at timestamptz,
        verified_at timestamptz,
        reset_token_hash text,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX password_resets_account_idx ON password_resets (account_id, created_at);
      CREATE INDEX password_resets_created_at_idx ON password_resets (created_at);

      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        ended_at timestamptz
      );
      CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash);
      CREATE INDEX sessions_account_idx ON sessions (account_id) WHERE ended_at IS NULL;
      CREATE INDEX sessions_absolute_expires_idx ON sessions (absolute_expires_at);

      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY,
        recipient text NOT NULL,
        subject text NOT NULL,
        body_text text NOT NULL,
        kind text NOT NULL,
        created_at timestamptz NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        drop_after timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      );
      CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at);

      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_type text NOT NULL,
        actor_id uuid,
        action text NOT NULL,
        task_id uuid,
        account_id uuid,
        work_group_id uuid,
        from_value jsonb,
        to_value jsonb
      );
      CREATE INDEX audit_log_task_idx ON audit_log (task_id, id) WHERE task_id IS NOT NULL;
      CREATE INDEX audit_log_account_idx ON audit_log (account_id, id) WHERE account_id IS NOT NULL;
      CREATE INDEX audit_log_action_idx ON audit_log (action, id);
    `);
  }
}
