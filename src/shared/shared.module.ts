import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock/clock';
import { Sql } from './database/sql';
import { MikroOrmUnitOfWork, UnitOfWork } from './database/unit-of-work';
import { DomainEvents } from './events/domain-events';
import { ExclusiveJobRunner } from './jobs/exclusive-job-runner';

/** The small kernel every context uses: time, transactions, hand-written SQL, in-process domain events. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: UnitOfWork, useClass: MikroOrmUnitOfWork },
    DomainEvents,
    ExclusiveJobRunner,
    Sql,
  ],
  exports: [Clock, UnitOfWork, DomainEvents, ExclusiveJobRunner, Sql],
})
export class SharedModule {}
