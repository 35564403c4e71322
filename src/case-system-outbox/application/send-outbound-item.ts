import { Injectable, Logger } from '@nestjs/common';
import { DeliveryConfig } from '../../config/config-slices';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { AttemptOutcome } from '../../shared/outbox/retry-policy';
import { CaseSystemEventsGateway, OutboxStore } from './outbox.ports';

/**
 * One attempt for a claimed task event or message: send it, then record what happened. The HTTP
 * call happens outside any transaction; the claim's lease keeps other lanes away meanwhile.
 */
@Injectable()
export class SendOutboundItem {
  private readonly logger = new Logger('CaseSystemOutbox');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OutboxStore,
    private readonly gateway: CaseSystemEventsGateway,
    private readonly clock: Clock,
    private readonly config: DeliveryConfig,
  ) {}

  async execute(id: string): Promise<AttemptOutcome['kind']> {
    const item = await this.store.findBody(id);
    const outcome: AttemptOutcome =
      item && item.body
        ? await this.gateway.send(item.kind, id, item.body)
        : { kind: 'refused', error: 'not sent: its content is gone' };
    await this.uow.runStatements(async () => {
      const current = await this.store.findForOutcome(id);
      // An admin or another instance may have settled it meanwhile: never undo a delivery.
      if (!current || current.status === 'delivered') return;
      current.record(outcome, this.clock.now(), this.config.deliveryRetryBaseMs, Math.random());
      await this.store.saveOutcome(current);
    });
    if (outcome.kind !== 'accepted') this.logger.warn(`outbound ${id} not accepted (${outcome.kind}): ${outcome.error.slice(0, 200)}`);
    return outcome.kind;
  }
}
