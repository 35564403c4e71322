import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { DomainError, NotFoundError } from '../../shared/errors/domain-error';
import { isUuid } from '../../shared/ids';
import { OutboundStatus } from '../domain/outbound-item';
import { OutboundListItem, OutboxStore } from './outbox.ports';

export class OutboundNotFailedError extends DomainError {
  constructor() {
    super('outbound_not_failed', 'conflict', 'Only a failed item can be sent again');
  }
}

/** The helpdesk's view of task events and messages to the case system, and a retry for refused ones. */
@Injectable()
export class AdministerOutbox {
  private readonly logger = new Logger('CaseSystemOutbox');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OutboxStore,
    private readonly clock: Clock,
  ) {}

  list(filter: { status?: OutboundStatus; taskId?: string }, limit: number, before?: string): Promise<OutboundListItem[]> {
    return this.uow.runStatements(() => this.store.list(filter, limit, before));
  }

  async retry(id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundError();
    await this.uow.runStatements(async () => {
      const item = await this.store.findForOutcome(id);
      if (!item) throw new NotFoundError();
      if (!item.retry(this.clock.now())) throw new OutboundNotFailedError();
      await this.store.saveOutcome(item);
    });
    this.logger.log(`outbound ${id} sent round again by an admin`);
  }
}
