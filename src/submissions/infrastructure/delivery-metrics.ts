import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '../../observability';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { DeliveryRepository } from '../application/submission.ports';
import { RETENTION_MS } from '../domain/submission';

/** Gauges for alerting: the outbox depth, refused deliveries, and contributions held past retention. */
@Injectable()
export class DeliveryMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly uow: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'portal_deliveries_pending',
      'Contributions waiting to be delivered to the case system (outbox depth)',
      () => this.uow.run(() => this.deliveries.count('pending')),
    );
    this.metrics.gauge('portal_deliveries_failed', 'Contributions the case system refused: an admin must look and retry', () =>
      this.uow.run(() => this.deliveries.count('failed')),
    );
    this.metrics.gauge(
      'portal_deliveries_held_past_retention',
      'Undelivered contributions older than the 30-day retention, kept until the council has them',
      () =>
        this.uow.run(() => this.deliveries.countUndeliveredSubmittedBefore(new Date(this.clock.now().getTime() - RETENTION_MS))),
    );
  }
}
