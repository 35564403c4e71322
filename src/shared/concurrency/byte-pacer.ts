/**
 * Holds a stream of bytes to a rate: `take(n)` resolves once `n` more bytes fit the budget (a
 * virtual clock that every taker advances, so concurrent streams share one rate between them). A
 * burst of `burstMs` worth of bytes passes without waiting, so a small file is never slowed.
 *
 * For work whose cost grows with its bytes and which nobody waits on interactively at that speed:
 * uploads (the instance's CPU and its database's writes per MiB received, issue 21). Real clients
 * send slower than loopback does; what the pace stops is a burst of them taking every core.
 */
export class BytePacer {
  /** When the bytes taken so far will have been paid for, on the `now` clock (ms). */
  private paidUntil = -Infinity;

  constructor(
    readonly bytesPerSecond: number,
    private readonly burstMs = 250,
    // Monotonic: a wall clock set back by an hour must not hold every upload for an hour.
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async take(bytes: number): Promise<void> {
    if (!(this.bytesPerSecond > 0)) return;
    const now = this.now();
    this.paidUntil = Math.max(this.paidUntil, now - this.burstMs) + (bytes * 1000) / this.bytesPerSecond;
    const wait = this.paidUntil - now;
    if (wait > 0) await this.sleep(wait);
  }

  /** The chunks of `source`, each let through when the budget has room for it. */
  async *pace(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      await this.take(chunk.length);
      yield chunk;
    }
  }
}
