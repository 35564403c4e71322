import { BytePacer } from '../../shared/concurrency/byte-pacer';
import { Limiter, LimiterFullError } from '../../shared/concurrency/limiter';
import { UploadsBusyError } from '../domain/task-errors';

/** What a client refused with `uploads_busy` is told to wait before trying again. */
export const UPLOADS_BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * How many uploads one instance receives at once, and how many may wait in line (issue 21). An
 * upload being received costs event-loop time per chunk, and disk and database time per part; 16 at
 * once starved browsing (p95 ×5-10), and two at once measured worse than one on a busy two-core host
 * (×2.4-5.5 against ×1.4-4.2; docs/operations.md). An upload waiting here has not been read at all (TCP holds its bytes at the
 * client), so waiting costs no memory; past the line it is 503 `uploads_busy` with Retry-After
 * rather than a wait without end. A waiting upload's request timeout keeps running, so the line is
 * kept short enough to be served within it.
 */
export class UploadSlots {
  private readonly limiter: Limiter;
  private readonly pacer: BytePacer;

  /** `bytesPerSecond`: the pace all uploads of the instance are received at together (0: as fast as they come). */
  constructor(
    readonly atOnce: number,
    readonly waiting: number,
    bytesPerSecond = 0,
  ) {
    this.limiter = new Limiter(atOnce, waiting);
    this.pacer = new BytePacer(bytesPerSecond);
  }

  /**
   * An upload's chunks read no faster than the instance's pace: bytes not yet read stay in the
   * socket (TCP holds the client), so a burst of loopback-fast uploads costs a bounded share of the
   * CPU and the database's writes rather than all of them.
   */
  pace(chunks: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
    return this.pacer.bytesPerSecond > 0 ? this.pacer.pace(chunks) : chunks;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.limiter.run(work);
    } catch (error) {
      if (error instanceof LimiterFullError) throw new UploadsBusyError(UPLOADS_BUSY_RETRY_AFTER_SECONDS);
      throw error;
    }
  }

  get load(): { running: number; waiting: number } {
    return this.limiter.load;
  }
}
