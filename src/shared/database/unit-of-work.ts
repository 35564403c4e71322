import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/**
 * A use case is the transaction boundary: everything it writes, including outbox rows and audit
 * entries, commits together or not at all.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: () => Promise<T>): Promise<T>;
}

@Injectable()
export class MikroOrmUnitOfWork extends UnitOfWork {
  constructor(private readonly em: EntityManager) {
    super();
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    // Outside a request (workers, jobs) there is no context yet: give the work a fresh one.
    const em = this.em.getContext(false);
    const base = em === this.em ? this.em.fork() : em;
    // Repositories inject the global EntityManager, which resolves to this transaction's fork.
    return base.transactional(() => work());
  }
}
