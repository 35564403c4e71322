import { Migration } from '@mikro-orm/migrations';

/**
 * Work groups and their members. A member is added by email: until that person registers the
 * row has no account (`account_id` null) and is attached when they do.
 */
export class Migration20261128000300WorkGroups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE work_groups (
        id uuid PRIMARY KEY,
        key text NOT NULL,
        name text NOT NULL,
        organisation text NOT NULL,
        notification_email text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      );
      CREATE UNIQUE INDEX work_groups_key_key ON work_groups (key);

      CREATE TABLE work_group_members (
        work_group_id uuid NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        account_id uuid REFERENCES accounts (id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL,
        PRIMARY KEY (work_group_id, email)
      );
      CREATE UNIQUE INDEX work_group_members_account_key ON work_group_members (account_id, work_group_id) WHERE account_id IS NOT NULL;
      CREATE INDEX work_group_members_pending_idx ON work_group_members (email) WHERE account_id IS NULL;
    `);
  }
}
