import { Injectable, Logger } from '@nestjs/common';
import { DeliveryConfig, WorkerConfig } from '../../config/config-slices';
import { Clock } from '../../shared/clock/clock';
import { AttemptSpan, LaneWorker, leaseUntil } from '../../shared/outbox/lane-worker';
import { SendOutboundItem } from '../application/send-outbound-item';
import { OutboxStore } from '../application/outbox.ports';

/** Events and messages are small: fewer lanes than contributions suffice. */
export const OUTBOX_LANES = 4;

/** Drains the task-event and message outbox with the contribution worker's claiming loop (LaneWorker). */
@Injectable()
export class CaseSystemOutboxWorker extends LaneWorker {
  protected readonly logger = new Logger('CaseSystemOutboxWorker');
  protected readonly itemName = 'outbound';

  constructor(
    private readonly store: OutboxStore,
    private readonly send: SendOutboundItem,
    private readonly clock: Clock,
    private readonly config: DeliveryConfig,
    workers: WorkerConfig,
  ) {
    super(OUTBOX_LANES, workers.workerPollMs, workers.workersEnabled);
  }

  protected async claimOne(): Promise<string | undefined> {
    const now = this.clock.now();
    const [id] = await this.store.claimDue(now, leaseUntil(now, this.config.deliveryTimeoutMs), 1);
    return id;
  }

  protected async attempt(id: string): Promise<void> {
    await this.send.execute(id);
  }

  protected spanOf(id: string): AttemptSpan {
    return { name: 'outbox task event', jobId: `outbound-${id}`, attributes: { 'portal.outbound.id': id } };
  }
}
