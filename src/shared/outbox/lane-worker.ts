import { Attributes } from '@opentelemetry/api';
import { loggableMessage } from '../logging/loggable-error';
import { inWorkSpan, markActiveSpanFailed } from '../tracing/work-span';
import { PollingWorker } from '../workers/polling-worker';

/** Beyond the HTTP timeout, how long a claim's lease lasts: reading what is sent and recording the outcome. */
export const LEASE_MARGIN_MS = 30_000;

/** Until when a claim made at `now` is held, for attempts bounded by `attemptTimeoutMs`. */
export function leaseUntil(now: Date, attemptTimeoutMs: number): Date {
  return new Date(now.getTime() + attemptTimeoutMs + LEASE_MARGIN_MS);
}

/** How one claimed item's attempt appears in traces and logs: its span, and the id its log lines carry. */
export interface AttemptSpan {
  name: string;
  jobId: string;
  attributes: Attributes;
}

/**
 * The claiming loop every outbox to the case system shares. `lanes` loops each claim one item at a
 * time (the store's claim is `FOR UPDATE SKIP LOCKED` plus a lease longer than an attempt, so any
 * number of instances share the work and an item whose lease ran out, a crashed instance's, is sent
 * again with the same key), send it in a span of its own, and claim the next, until the pass has
 * handled `passSize` items or nothing is due. An attempt that throws is logged and ends nothing; on
 * shutdown the lanes finish what they hold and claim no more.
 */
export abstract class LaneWorker extends PollingWorker {
  protected stopping = false;

  protected constructor(
    private readonly lanes: number,
    pollMs: number,
    enabled: boolean,
  ) {
    super(pollMs, enabled, 4 * lanes);
  }

  /** One due item, claimed and leased; undefined when none is due. */
  protected abstract claimOne(): Promise<string | undefined>;
  /** Sends one claimed item and records the outcome. */
  protected abstract attempt(id: string): Promise<void>;
  protected abstract spanOf(id: string): AttemptSpan;
  /** What a crash log line calls an item (`delivery`, `outbound`). */
  protected abstract readonly itemName: string;

  protected async tick(passSize: number): Promise<number> {
    let handled = 0;
    const lane = async () => {
      while (!this.stopping && handled < passSize) {
        const id = await this.claimOne();
        if (!id) return;
        handled += 1;
        const { name, jobId, attributes } = this.spanOf(id);
        // One span per attempt; the case system's request is its child (traceparent).
        await inWorkSpan(name, jobId, attributes, () =>
          this.attempt(id).catch((error: unknown) => {
            markActiveSpanFailed(loggableMessage(error));
            this.logger.warn(`${this.itemName} ${id} crashed: ${loggableMessage(error)}`);
          }),
        );
      }
    };
    await Promise.all(Array.from({ length: this.lanes }, lane));
    return handled;
  }

  override async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await super.onApplicationShutdown();
  }
}
