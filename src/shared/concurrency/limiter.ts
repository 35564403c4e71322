/** The line was full: the work was not started (the caller refuses it, e.g. 503 with Retry-After). */
export class LimiterFullError extends Error {
  constructor() {
    super('too many waiting');
    this.name = 'LimiterFullError';
  }
}

/**
 * At most `limit` tasks at once; the rest wait in arrival order, at most `maxWaiting` of them (more
 * are refused with LimiterFullError rather than queued without end). For work that must not take all
 * of a shared resource (database connections, CPU) from everyone else, e.g. processing uploads.
 */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = Infinity,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw new LimiterFullError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    else this.running += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line (running stays the same), else it is freed.
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Tasks running now and waiting, for tests and metrics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
