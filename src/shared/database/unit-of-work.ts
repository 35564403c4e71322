import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Sql } from './sql';

/**
 * A use case is the transaction boundary: everything it writes, including outbox rows and audit
 * entries, commits together or not at all.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: () => Promise<T>): Promise<T>;
  /**
   * The same guarantee for work done only through hand-written statements (`Sql`): no entity is
   * loaded, persisted or flushed in it, so no ORM unit of work is set up around it and the
   * transaction costs a BEGIN and a COMMIT, nothing more. For the busiest writes (saving a draft).
   * Entity work inside would not be part of the transaction: use `run` for that.
   */
  abstract runStatements<T>(work: () => Promise<T>): Promise<T>;
}

@Injectable()
export class MikroOrmUnitOfWork extends UnitOfWork {
  constructor(
    private readonly em: EntityManager,
    private readonly sql: Sql,
  ) {
    super();
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    // Outside a request (workers, jobs) there is no context yet: give the work a fresh one.
    const em = this.em.getContext(false);
    const base = em === this.em ? this.em.fork() : em;
    // Repositories inject the global EntityManager, which resolves to this transaction's fork.
    return base.transactional(() => work());
  }

  runStatements<T>(work: () => Promise<T>): Promise<T> {
    return this.sql.transaction(work);
  }
}
