import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../shared/clock/clock';
import { PollingWorker } from '../../shared/workers/polling-worker';
import { DeliverContribution } from '../application/deliver-contribution';
import { DeliveryRepository } from '../application/submission.ports';

/**
 * How many deliveries one instance sends at once. A delivery spends most of its time waiting (the
 * database, the case system), so lanes hide latency: 16 drain 300+/s to the local stub on two cores
 * where 8 manage half that (BENCHMARKS.md). N instances send N × 16 at once at most.
 */
export const DELIVERY_LANES = 16;
/** Deliveries one pass handles before the loop looks again (at once, when it was full). */
const PASS_SIZE = 4 * DELIVERY_LANES;
/** Beyond the HTTP timeout: reading the files and recording the outcome. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Drains the delivery outbox. Each lane claims one delivery at a time (`FOR UPDATE SKIP LOCKED`
 * plus a lease just longer than one attempt can take), so any number of instances share the work
 * without sending one contribution twice at the same time, and a claim never waits behind others
 * while its lease runs out. A lease left by a crashed instance expires and the delivery is sent
 * again with the same Idempotency-Key.
 */
@Injectable()
export class DeliveryWorker extends PollingWorker {
  protected readonly logger = new Logger('DeliveryWorker');
  private stopping = false;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly deliver: DeliverContribution,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(config.workerPollMs, config.workersEnabled, PASS_SIZE);
  }

  protected async tick(passSize: number): Promise<number> {
    let handled = 0;
    const lane = async () => {
      // On shutdown a lane finishes the delivery in hand and claims no more.
      while (!this.stopping && handled < passSize) {
        const [id] = await this.claimOne();
        if (!id) return;
        handled += 1;
        await this.deliver.execute(id).catch((error: Error) => this.logger.warn(`delivery ${id} crashed: ${error.message}`));
      }
    };
    await Promise.all(Array.from({ length: DELIVERY_LANES }, lane));
    return handled;
  }

  override async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await super.onApplicationShutdown();
  }

  private claimOne(): Promise<string[]> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.config.deliveryTimeoutMs + LEASE_MARGIN_MS);
    // One UPDATE … WHERE … (SELECT … FOR UPDATE SKIP LOCKED): atomic on its own, no transaction around it.
    return this.deliveries.claimDue(now, lease, 1);
  }
}
