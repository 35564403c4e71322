import { AsyncLocalStorage } from 'node:async_hooks';
import { EntityManager, RequestContext, TransactionContext } from '@mikro-orm/core';

interface Slot {
  root: EntityManager;
  fork?: EntityManager;
  forking?: boolean;
}

const requests = new AsyncLocalStorage<Slot>();

/**
 * Each HTTP request's ORM context (its own identity map and unit of work), as MikroORM's
 * RequestContext gives it — but forked only when the request first uses the ORM. The busiest
 * requests (session check, lists, the task page, draft saves) go through `Sql` alone and never need
 * one, and forking an EntityManager for each of them anyway cost 0.05-0.1 ms of CPU per request
 * (BENCHMARKS.md, fourth round).
 */
export function runInRequestContext(root: EntityManager, next: () => void): void {
  requests.run({ root }, next);
}

/**
 * MikroORM's `context` option (database-options.ts): the request's fork, made on first use; outside
 * a request, MikroORM's own RequestContext (workers and jobs fork explicitly, see UnitOfWork).
 */
export function requestEntityManager(name: string): EntityManager | undefined {
  const slot = requests.getStore();
  if (!slot || slot.root.name !== name) return RequestContext.getEntityManager(name);
  if (!slot.fork && !slot.forking) {
    // Forked from the root itself, as RequestContext.create does before its context exists: the new
    // EntityManager resolves its context while it is being built, and must find none (itself).
    slot.forking = true;
    try {
      slot.fork = slot.root.fork({ useContext: true, disableContextResolution: true });
    } finally {
      slot.forking = false;
    }
  }
  return slot.fork;
}

/**
 * The transaction of `em.transactional` around the caller, if any, without making the request's
 * fork (`em.getTransactionContext()` would). MikroORM runs every `transactional` callback inside a
 * TransactionContext holding the transaction's fork; nothing here starts transactions otherwise.
 */
export function ormTransaction<T>(name: string): T | undefined {
  return TransactionContext.getEntityManager(name)?.getTransactionContext<T>();
}
