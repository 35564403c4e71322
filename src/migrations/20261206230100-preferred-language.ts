import { Migration } from '@mikro-orm/migrations';

/**
 * Each account's language, English or Welsh (issue 23): chosen with the "Cymraeg / English" switch,
 * used for that person's pages, emails and PDFs. Existing accounts get English, as before.
 */
export class Migration20261206230100PreferredLanguage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      ALTER TABLE accounts ADD COLUMN preferred_language text NOT NULL DEFAULT 'en'
        CONSTRAINT accounts_preferred_language_check CHECK (preferred_language IN ('en', 'cy'));
    `);
  }
}
