import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock/clock';
import { MikroOrmUnitOfWork, UnitOfWork } from './database/unit-of-work';
import { DomainEvents } from './events/domain-events';

/** The small kernel every context uses: time, transactions, in-process domain events. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: UnitOfWork, useClass: MikroOrmUnitOfWork },
    DomainEvents,
  ],
  exports: [Clock, UnitOfWork, DomainEvents],
})
export class SharedModule {}
