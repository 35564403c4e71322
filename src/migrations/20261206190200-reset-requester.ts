import { Migration } from '@mikro-orm/migrations';

/**
 * Who asked for a password reset, as a hash of the client address: reset emails are capped per
 * requesting address within the account's hourly cap, so one stranger cannot spend the owner's
 * resets. Deleted with the reset an hour later.
 */
export class Migration20261206190200ResetRequester extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE password_resets ADD COLUMN requested_from_hash text;');
  }
}
