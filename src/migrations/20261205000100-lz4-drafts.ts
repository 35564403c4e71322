import { Migration } from '@mikro-orm/migrations';

/**
 * Drafts (10-20 KB of JSON, rewritten whole on every save) and contributions are compressed with
 * lz4 instead of PostgreSQL's default pglz: writing a draft cost about 0.16 ms of the server's CPU
 * with pglz and 0.07 ms with lz4 at the same size on disk (BENCHMARKS.md). Only values written from
 * now on change; nothing is rewritten. A server built without lz4 (the embedded PGlite) keeps pglz.
 */
export class Migration20261205000100Lz4Drafts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      DO $$
      BEGIN
        ALTER TABLE tasks ALTER COLUMN answers SET COMPRESSION lz4, ALTER COLUMN prefill SET COMPRESSION lz4;
        ALTER TABLE submissions ALTER COLUMN answers SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN
        RAISE NOTICE 'lz4 is not available on this server: drafts stay compressed with pglz';
      END
      $$;
    `);
  }
}
