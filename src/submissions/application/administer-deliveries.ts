import { Injectable } from '@nestjs/common';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { DomainError, NotFoundError } from '../../shared/errors/domain-error';
import { DeliveryStatus } from '../domain/delivery';
import { DeliveryListItem, DeliveryRepository } from './submission.ports';

export class DeliveryNotFailedError extends DomainError {
  constructor() {
    super('delivery_not_failed', 'conflict', 'Only a failed delivery can be retried', {
      detail: 'Pending deliveries are retried automatically; delivered ones are done.',
    });
  }
}

/** The helpdesk's view of deliveries to the case system, and a retry for refused ones once fixed. */
@Injectable()
export class AdministerDeliveries {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly clock: Clock,
  ) {}

  list(status: DeliveryStatus | undefined, limit: number, after?: { createdAt: string; id: string }): Promise<(DeliveryListItem & { createdAt: string })[]> {
    return this.uow.run(() => this.deliveries.list({ status }, limit, after));
  }

  async retry(submissionId: string): Promise<void> {
    await this.uow.run(async () => {
      const delivery = await this.deliveries.find(submissionId, { forUpdate: true });
      if (!delivery) throw new NotFoundError();
      if (!delivery.retry(this.clock.now())) throw new DeliveryNotFailedError();
    });
  }
}
