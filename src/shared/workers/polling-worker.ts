import { loggableMessage } from '../logging/loggable-error';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * A background loop that asks "is there work?" every `intervalMs`, never overlaps itself, and on
 * shutdown stops taking work and waits for the batch in hand. Subclasses do one batch in `tick()`
 * and return how many items they handled (a full batch means "look again at once").
 */
export abstract class PollingWorker implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  protected constructor(
    private readonly intervalMs: number,
    private readonly enabled: boolean,
    private readonly batchSize: number,
  ) {}

  protected abstract tick(batchSize: number): Promise<number>;

  onApplicationBootstrap(): void {
    if (this.enabled) this.schedule(this.intervalMs);
  }

  /** Runs one pass now (tests and the benchmark use it to drain without waiting). */
  async drain(): Promise<void> {
    while (!this.stopped) {
      if (this.running) await this.running;
      const handled = await this.runOnce();
      if (handled < this.batchSize) return;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runOnce().then((handled) => this.schedule(handled >= this.batchSize ? 0 : this.intervalMs));
    }, delay);
    this.timer.unref?.();
  }

  private async runOnce(): Promise<number> {
    if (this.running) {
      await this.running;
      return 0;
    }
    let handled = 0;
    this.running = (async () => {
      try {
        handled = await this.tick(this.batchSize);
      } catch (error) {
        this.logger.warn(`batch failed: ${loggableMessage(error)}`);
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
    return handled;
  }

  /**
   * Shutdown's first step (before the HTTP server drains): take no more work. Without it the workers
   * kept claiming for as long as requests took to finish (42-49 code mails sent after SIGTERM, issue 21).
   */
  beforeApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Then wait for the batch in hand. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) await this.running;
  }
}
