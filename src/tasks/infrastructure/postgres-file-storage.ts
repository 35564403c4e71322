import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../shared/clock/clock';
import { Sql } from '../../shared/database/sql';
import { FileStorage } from '../application/task.ports';

/**
 * Files as `bytea` rows in the portal's own database: one backup, one retention story, and writes
 * that commit or roll back with the use case. Another store (S3, disk) only needs this port.
 * Content travels as a binary parameter (never inlined into the statement as text).
 */
@Injectable()
export class PostgresFileStorage extends FileStorage {
  constructor(
    private readonly sql: Sql,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    super();
  }

  async put(id: string, content: Buffer): Promise<void> {
    await this.sql.query('INSERT INTO stored_files (id, content, created_at) VALUES (?, ?, ?)', [id, content, this.clock.now()]);
  }

  async get(id: string): Promise<Buffer | null> {
    const rows = await this.sql.query<{ content: Buffer }>('SELECT content FROM stored_files WHERE id = ?', [id]);
    return rows[0]?.content ?? null;
  }

  async delete(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.sql.query('DELETE FROM stored_files WHERE id = ANY(?::uuid[])', [ids]);
  }
}
