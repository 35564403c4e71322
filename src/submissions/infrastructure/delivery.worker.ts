import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { PollingWorker } from '../../shared/workers/polling-worker';
import { DeliverContribution } from '../application/deliver-contribution';
import { DeliveryRepository } from '../application/submission.ports';

/** How many deliveries one instance sends at once. */
const PARALLEL = 8;

/**
 * Drains the delivery outbox. Claims are leased (`FOR UPDATE SKIP LOCKED`), so any number of
 * instances share the work without sending one contribution twice at the same time; a lease left by
 * a crashed instance expires and the delivery is sent again with the same Idempotency-Key.
 */
@Injectable()
export class DeliveryWorker extends PollingWorker {
  protected readonly logger = new Logger('DeliveryWorker');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly deliver: DeliverContribution,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(config.workerPollMs, config.workersEnabled, 32);
  }

  protected async tick(batchSize: number): Promise<number> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.config.deliveryTimeoutMs + 30_000);
    const claimed = await this.uow.run(() => this.deliveries.claimDue(now, lease, batchSize));
    let next = 0;
    const lanes = Array.from({ length: Math.min(PARALLEL, claimed.length) }, async () => {
      while (next < claimed.length) {
        const id = claimed[next++];
        await this.deliver.execute(id).catch((error: Error) => this.logger.warn(`delivery ${id} crashed: ${error.message}`));
      }
    });
    await Promise.all(lanes);
    return claimed.length;
  }
}
