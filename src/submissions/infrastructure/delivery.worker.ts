import { Injectable, Logger } from '@nestjs/common';
import { DeliveryConfig, WorkerConfig } from '../../config/config-slices';
import { Clock } from '../../shared/clock/clock';
import { AttemptSpan, LaneWorker, leaseUntil, LEASE_MARGIN_MS } from '../../shared/outbox/lane-worker';
import { DeliverContribution } from '../application/deliver-contribution';
import { DeliveryRepository } from '../application/submission.ports';
import { MAX_INTERRUPTED_ATTEMPTS, interruptedTooOften } from '../domain/delivery';

/**
 * How many deliveries one instance sends at once. A delivery spends most of its time waiting (the
 * database, the case system), so lanes hide latency: 16 drain 300+/s to the local stub on two cores
 * where 8 manage half that (BENCHMARKS.md). N instances send N × 16 at once at most.
 */
export const DELIVERY_LANES = 16;
/**
 * On shutdown, how long deliveries in hand may still run before they are cut off and recorded as
 * retryable: inside the 20 s the process has (start.ts), so a big contribution being sent during a
 * deploy ends as an ordinary retry, not as an attempt that never finished (which counts towards
 * parking it, see MAX_INTERRUPTED_ATTEMPTS).
 */
export const SHUTDOWN_DELIVERY_GRACE_MS = 15_000;

/**
 * Drains the delivery outbox through the claiming loop every outbox shares (LaneWorker: one delivery
 * per lane at a time, `FOR UPDATE SKIP LOCKED` plus a lease just longer than one attempt, so
 * instances share the work and a crashed instance's delivery is sent again with the same
 * Idempotency-Key). Its own: the heartbeat that renews the leases of deliveries in hand (a 270 MB
 * one may outlast a lease), the grace on shutdown, and parking a delivery interrupted too often.
 */
@Injectable()
export class DeliveryWorker extends LaneWorker {
  protected readonly logger = new Logger('DeliveryWorker');
  protected readonly itemName = 'delivery';
  /** Deliveries being sent now, whose leases the heartbeat keeps. */
  private readonly inHand = new Set<string>();
  private heartbeat?: NodeJS.Timeout;
  /** Aborted once shutdown's grace for deliveries in hand has run out. */
  private readonly stop = new AbortController();

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly deliver: DeliverContribution,
    private readonly clock: Clock,
    private readonly config: DeliveryConfig,
    workers: WorkerConfig,
  ) {
    super(DELIVERY_LANES, workers.workerPollMs, workers.workersEnabled);
  }

  protected async attempt(id: string): Promise<void> {
    this.inHand.add(id);
    this.keepLeases();
    try {
      await this.deliver.execute(id, this.stop.signal);
    } finally {
      this.inHand.delete(id);
    }
  }

  protected spanOf(id: string): AttemptSpan {
    return { name: 'outbox delivery', jobId: `delivery-${id}`, attributes: { 'portal.delivery.id': id } };
  }

  /** Shutdown begins: lanes claim no more; deliveries in hand finish (awaited in onApplicationShutdown). */
  override beforeApplicationShutdown(): void {
    this.stopping = true;
    super.beforeApplicationShutdown();
    if (this.inHand.size) setTimeout(() => this.stop.abort(), SHUTDOWN_DELIVERY_GRACE_MS).unref();
  }

  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private leaseUntil(): Date {
    return leaseUntil(this.clock.now(), this.config.deliveryTimeoutMs);
  }

  /** While anything is in hand, renew its leases a few times per lease, so only a dead sender's lease runs out. */
  private keepLeases(): void {
    if (this.heartbeat) return;
    const every = Math.max(1000, Math.floor((this.config.deliveryTimeoutMs + LEASE_MARGIN_MS) / 3));
    this.heartbeat = setInterval(() => {
      if (!this.inHand.size) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
        return;
      }
      this.deliveries
        .extendLeases([...this.inHand], this.leaseUntil())
        .catch((error: Error) => this.logger.warn(`could not renew delivery leases: ${error.message}`));
    }, every);
    this.heartbeat.unref();
  }

  protected async claimOne(): Promise<string | undefined> {
    // One UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED): atomic on its own, no transaction around it.
    const { claimed, parked } = await this.deliveries.claimDue(this.clock.now(), this.leaseUntil(), 1, {
      afterInterruptions: MAX_INTERRUPTED_ATTEMPTS,
      reason: interruptedTooOften(MAX_INTERRUPTED_ATTEMPTS),
    });
    for (const id of parked)
      this.logger.error(`delivery ${id} parked as failed: ${MAX_INTERRUPTED_ATTEMPTS} attempts in a row never finished`);
    // A parked one took the claim's turn: look again at once rather than ending the lane.
    if (!claimed.length && parked.length) return this.claimOne();
    return claimed[0];
  }
}
