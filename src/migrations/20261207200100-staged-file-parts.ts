import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 21: an upload streams into `stored_file_parts` as its bytes arrive, one committed statement
 * per part, and becomes a `stored_files` row only once it passed every check. `created_at` per part
 * lets the sweep tell an upload that died mid-way (crash, lost connection) from one still arriving:
 * a file whose newest part is old is an orphan.
 *
 * UNLOGGED: staged parts are scratch space (an upload in progress, or `put`'s parts joined within
 * its own transaction); nothing durable ever depends on them. Unlogged, writing 10 MiB of parts no
 * longer writes (and flushes, once per part) 10 MiB of WAL before the file itself is written: the
 * WAL flushes every other request's commit waited behind. After a PostgreSQL crash the table is
 * empty, which only fails the uploads that were under way (their clients get an error and retry).
 */
export class Migration20261207200100StagedFileParts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      ALTER TABLE stored_file_parts ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
      ALTER TABLE stored_file_parts SET UNLOGGED;
    `);
  }
}
