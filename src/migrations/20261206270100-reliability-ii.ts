import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 21. `interrupted_attempts` counts claims that found the previous attempt's lease still set:
 * that attempt never recorded an outcome (its instance died, e.g. out of memory). The claim counts it
 * before sending, so a contribution that keeps killing its sender is parked as failed for the
 * helpdesk instead of crash-looping every instance. Reset by any recorded outcome.
 *
 * Files are stored uncompressed out of line (EXTERNAL): documents, images and PDFs hardly compress,
 * and an uncompressed TOAST value lets `substring()` fetch just the slice streamed, not the whole
 * file (affects rows written from now on).
 *
 * `mail_outbox.claimed_until` tells an email being sent (claimed, lease running) from one waiting
 * for its next attempt, so a code email superseded by a newer one for the same person can be dropped
 * unless it is already on its way, and the newer one waits until the older is gone (sent or dropped).
 *
 * `stored_file_parts`: a file is written as parts of at most 256 KiB and joined by the server in the
 * same transaction. One 10 MiB parameter was one 10 MiB socket write that held the event loop for
 * hundreds of milliseconds; 16 uploads at once starved every other request (issue 21).
 */
export class Migration20261206270100ReliabilityII extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      ALTER TABLE deliveries ADD COLUMN interrupted_attempts integer NOT NULL DEFAULT 0;
      ALTER TABLE stored_files ALTER COLUMN content SET STORAGE EXTERNAL;
      ALTER TABLE mail_outbox ADD COLUMN claimed_until timestamptz;
      CREATE TABLE stored_file_parts (
        file_id uuid NOT NULL,
        seq integer NOT NULL,
        content bytea NOT NULL,
        PRIMARY KEY (file_id, seq)
      );
      ALTER TABLE stored_file_parts ALTER COLUMN content SET STORAGE EXTERNAL;
      CREATE INDEX mail_outbox_code_recipient_idx ON mail_outbox (recipient, created_at, id) WHERE kind = 'code';
    `);
  }
}
