import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail's retention (AUDIT_RETENTION_DAYS) deletes the entries older than a cut-off in
 * batches, oldest first: one index range on `at` instead of a scan of the whole trail each time.
 */
export class Migration20261206190100AuditRetentionIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql('CREATE INDEX audit_log_at_idx ON audit_log (at);');
  }
}
