import { Global, Module } from '@nestjs/common';
import { AdministerOutbox } from './application/administer-outbox';
import { CaseSystemOutbox } from './application/case-system-outbox';
import { CaseSystemEventsGateway, OutboxStore } from './application/outbox.ports';
import { SendOutboundItem } from './application/send-outbound-item';
import { AdminOutboxController } from './http/admin-outbox.controller';
import { HttpCaseSystemEventsGateway } from './infrastructure/http-case-system-events.gateway';
import { CaseSystemOutboxWorker } from './infrastructure/outbox.worker';
import { OutboxMetrics } from './infrastructure/outbox-metrics';
import { SqlOutboxStore } from './infrastructure/sql-outbox-store';

/**
 * Task status events and professionals' messages to the case system: an outbox written in the
 * caller's transaction, drained in per-task order with the contributions' retry rules. Global, as
 * notifications are: the tasks and submissions contexts call `CaseSystemOutbox`.
 */
@Global()
@Module({
  controllers: [AdminOutboxController],
  providers: [
    { provide: OutboxStore, useClass: SqlOutboxStore },
    { provide: CaseSystemEventsGateway, useClass: HttpCaseSystemEventsGateway },
    CaseSystemOutbox,
    SendOutboundItem,
    AdministerOutbox,
    CaseSystemOutboxWorker,
    OutboxMetrics,
  ],
  exports: [CaseSystemOutbox, CaseSystemOutboxWorker],
})
export class CaseSystemOutboxModule {}
