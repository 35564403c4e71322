import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '../../observability';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { OutboxStore } from '../application/outbox.ports';

/** Gauges for alerting, beside the contributions' ones: events and messages waiting, and refused. */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly uow: UnitOfWork,
    private readonly store: OutboxStore,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge('portal_case_system_outbox_pending', 'Task events and messages waiting to be sent to the case system', () =>
      this.uow.runStatements(() => this.store.count('pending')),
    );
    this.metrics.gauge('portal_case_system_outbox_failed', 'Task events and messages the case system refused: an admin must look and retry', () =>
      this.uow.runStatements(() => this.store.count('failed')),
    );
  }
}
