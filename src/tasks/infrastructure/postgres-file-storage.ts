import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Clock } from '../../shared/clock/clock';
import { Limiter } from '../../shared/concurrency/limiter';
import { Sql } from '../../shared/database/sql';
import { FileStorage, StoredFileStream } from '../application/task.ports';

/**
 * Bytes per read when streaming: `substring()` on a TOASTed bytea fetches only the chunks it needs, so
 * a 10 MiB file costs twenty small statements and never more than one slice in memory at a time.
 */
export const READ_SLICE_BYTES = 512 * 1024;
/** Bytes per statement when writing (see put). */
export const WRITE_PART_BYTES = 256 * 1024;
/**
 * Staged parts written at once per instance, whatever the number of uploads in hand: uploads never
 * take more than this many pool connections, and since an upload reads no further until its part is
 * written, this paces how fast all uploads together take CPU and disk from everyone else (issue
 * 21). A slow client holds nothing here while its next part is still arriving.
 */
export const PART_WRITES_AT_ONCE = 1;

/**
 * Files as `bytea` rows in the portal's own database: one backup, one retention story, and writes
 * that commit or roll back with the use case. Another store (S3, disk) only needs this port.
 * Content travels as a binary parameter (never inlined into the statement as text).
 */
@Injectable()
export class PostgresFileStorage extends FileStorage {
  private readonly partWrites = new Limiter(PART_WRITES_AT_ONCE);

  constructor(
    private readonly sql: Sql,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    super();
  }

  /**
   * In parts, joined by the server: a whole file as one parameter is one socket write of its size,
   * which held the event loop for hundreds of milliseconds per 10 MiB upload (issue 21). The parts
   * join the current transaction like the row, so the file still commits or rolls back with it.
   */
  async put(id: string, content: Buffer): Promise<void> {
    if (content.length <= WRITE_PART_BYTES) {
      await this.sql.query('INSERT INTO stored_files (id, content, created_at) VALUES (?, ?, ?)', [
        id,
        content,
        this.clock.now(),
      ]);
      return;
    }
    for (let seq = 0; seq * WRITE_PART_BYTES < content.length; seq++) {
      await this.sql.query('INSERT INTO stored_file_parts (file_id, seq, content) VALUES (?, ?, ?)', [
        id,
        seq,
        content.subarray(seq * WRITE_PART_BYTES, (seq + 1) * WRITE_PART_BYTES),
      ]);
    }
    await this.sql.query(
      `INSERT INTO stored_files (id, content, created_at)
       SELECT ?::uuid, string_agg(content, ''::bytea ORDER BY seq), ? FROM stored_file_parts WHERE file_id = ?`,
      [id, this.clock.now(), id],
    );
    await this.sql.query('DELETE FROM stored_file_parts WHERE file_id = ?', [id]);
  }

  async get(id: string): Promise<Buffer | null> {
    const rows = await this.sql.query<{ content: Buffer }>('SELECT content FROM stored_files WHERE id = ?', [id]);
    return rows[0]?.content ?? null;
  }

  async openRead(id: string): Promise<StoredFileStream | null> {
    const rows = await this.sql.query<{ size: number }>('SELECT octet_length(content) AS size FROM stored_files WHERE id = ?', [
      id,
    ]);
    if (!rows[0]) return null;
    const size = Number(rows[0].size);
    return { size, content: Readable.from(this.slices(id, size), { objectMode: false }) };
  }

  /** Each slice is one statement outside any transaction: files never change, they are only deleted. */
  private async *slices(id: string, size: number): AsyncGenerator<Buffer> {
    for (let offset = 0; offset < size; offset += READ_SLICE_BYTES) {
      const rows = await this.sql.query<{ slice: Buffer }>(
        'SELECT substring(content FROM ?::int FOR ?::int) AS slice FROM stored_files WHERE id = ?',
        [offset + 1, READ_SLICE_BYTES, id],
      );
      if (!rows[0]) throw new Error(`file ${id} was deleted while being read`);
      yield rows[0].slice;
    }
  }

  /**
   * Parts of exactly WRITE_PART_BYTES (the last one shorter), each inserted and committed on its own:
   * a connection is borrowed for one 256 KiB statement at a time, never held while the client sends,
   * and the next part is not read before the last one is written (the socket's backpressure holds
   * the rest). Fixed-size parts let `readStaged` find any byte by arithmetic.
   */
  async stage(id: string, content: AsyncIterable<Buffer>): Promise<number> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let seq = 0;
    let size = 0;
    const write = async (part: Buffer) => {
      const n = seq++;
      await this.partWrites.run(() =>
        this.sql.query('INSERT INTO stored_file_parts (file_id, seq, content, created_at) VALUES (?, ?, ?, ?)', [
          id,
          n,
          part,
          this.clock.now(),
        ]),
      );
    };
    for await (const chunk of content) {
      size += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= WRITE_PART_BYTES) {
        const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
        await write(joined.subarray(0, WRITE_PART_BYTES));
        const rest = joined.subarray(WRITE_PART_BYTES);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
      }
    }
    if (pendingBytes) await write(pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes));
    return size;
  }

  readStaged(id: string, start: number, end: number): Readable {
    return Readable.from(this.stagedSlices(id, start, end), { objectMode: false });
  }

  private async *stagedSlices(id: string, start: number, end: number): AsyncGenerator<Buffer> {
    for (let offset = start; offset < end; ) {
      const seq = Math.floor(offset / WRITE_PART_BYTES);
      const within = offset - seq * WRITE_PART_BYTES;
      const length = Math.min(end - offset, WRITE_PART_BYTES - within);
      const rows = await this.sql.query<{ slice: Buffer }>(
        'SELECT substring(content FROM ?::int FOR ?::int) AS slice FROM stored_file_parts WHERE file_id = ? AND seq = ?',
        [within + 1, length, id, seq],
      );
      if (!rows[0]) throw new Error(`staged file ${id} has no part ${seq}`);
      const slice = rows[0].slice;
      if (slice.length) yield slice;
      // Past the end of the file: stop rather than ask again for the same bytes.
      if (slice.length < length) return;
      offset += slice.length;
    }
  }

  /** The server joins the parts (no byte passes through the portal) within the use case's transaction. */
  async commitStaged(id: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO stored_files (id, content, created_at)
       SELECT ?::uuid, coalesce(string_agg(content, ''::bytea ORDER BY seq), ''::bytea), ? FROM stored_file_parts WHERE file_id = ?`,
      [id, this.clock.now(), id],
    );
    await this.sql.query('DELETE FROM stored_file_parts WHERE file_id = ?', [id]);
  }

  async discardStaged(id: string): Promise<void> {
    await this.sql.query('DELETE FROM stored_file_parts WHERE file_id = ?', [id]);
  }

  async sweepStaged(before: Date): Promise<number> {
    const rows = await this.sql.query<{ files: number }>(
      `WITH orphans AS (SELECT file_id FROM stored_file_parts GROUP BY file_id HAVING max(created_at) < ?),
            gone AS (DELETE FROM stored_file_parts p USING orphans o WHERE p.file_id = o.file_id RETURNING p.file_id)
       SELECT count(DISTINCT file_id)::int AS files FROM gone`,
      [before],
    );
    return Number(rows[0]?.files ?? 0);
  }

  async delete(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.sql.query('DELETE FROM stored_files WHERE id = ANY(?::uuid[])', [ids]);
  }
}
