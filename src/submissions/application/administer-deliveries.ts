import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { NotFoundError } from '../../shared/errors/domain-error';
import { DeliveryStatus } from '../domain/delivery';
import { RETENTION_MS } from '../domain/submission';
import { DeliveryNotFailedError } from '../domain/submission-errors';
import { DeliveryListItem, DeliveryRepository } from './submission.ports';

export type AdminDeliveryItem = DeliveryListItem & {
  /**
   * The 30-day retention has passed but the council has not received it: the content is kept (never
   * purged undelivered) until it is delivered. Someone should look.
   */
  heldPastRetention: boolean;
  createdAt: string;
};

/** The helpdesk's view of deliveries to the case system, and a retry for refused ones once fixed. */
@Injectable()
export class AdministerDeliveries {
  private readonly logger = new Logger('Deliveries');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly clock: Clock,
  ) {}

  async list(
    status: DeliveryStatus | undefined,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<AdminDeliveryItem[]> {
    const rows = await this.uow.run(() => this.deliveries.list({ status }, limit, after));
    const cutoff = this.clock.now().getTime() - RETENTION_MS;
    return rows.map((row) => ({
      ...row,
      heldPastRetention: row.status !== 'delivered' && Date.parse(row.submittedAt) <= cutoff,
    }));
  }

  async retry(submissionId: string): Promise<void> {
    await this.uow.run(async () => {
      const delivery = await this.deliveries.find(submissionId, { forUpdate: true });
      if (!delivery) throw new NotFoundError();
      if (!delivery.retry(this.clock.now())) throw new DeliveryNotFailedError();
    });
    this.logger.log(`delivery ${submissionId} sent round again by an admin`);
  }
}
