import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock/clock';
import { Sql, SqlOptions } from './database/sql';
import { MikroOrmUnitOfWork, UnitOfWork } from './database/unit-of-work';
import { DomainEvents } from './events/domain-events';
import { ExclusiveJobRunner } from './jobs/exclusive-job-runner';
import { Draining } from './http/draining';

export interface SharedModuleOptions {
  sql: SqlOptions;
  /** The portal's time; the system clock unless given (tests give one they can move). */
  clock?: Clock;
}

/** The small kernel every context uses: time, transactions, hand-written SQL, in-process domain events. */
@Global()
@Module({})
export class SharedModule {
  static forRoot(options: SharedModuleOptions): DynamicModule {
    return {
      module: SharedModule,
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: SqlOptions, useValue: options.sql },
        { provide: UnitOfWork, useClass: MikroOrmUnitOfWork },
        DomainEvents,
        ExclusiveJobRunner,
        Sql,
        Draining,
      ],
      exports: [Clock, UnitOfWork, DomainEvents, ExclusiveJobRunner, Sql, Draining],
    };
  }
}
