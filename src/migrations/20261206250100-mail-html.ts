import { Migration } from '@mikro-orm/migrations';

/** Emails carry an HTML alternative beside the plain text (templates under src/notifications/templates). */
export class Migration20261206250100MailHtml extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE mail_outbox ADD COLUMN body_html text');
  }

  override async down(): Promise<void> {
    this.addSql('ALTER TABLE mail_outbox DROP COLUMN body_html');
  }
}
