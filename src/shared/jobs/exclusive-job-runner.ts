import { loggableMessage } from '../logging/loggable-error';
import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs a scheduled job on at most one instance at a time: the job's body runs inside a transaction
 * holding a PostgreSQL advisory lock named after the job; an instance that cannot take the lock
 * skips this round. Jobs are written to be idempotent, so a later round repeating one is harmless.
 */
@Injectable()
export class ExclusiveJobRunner {
  private readonly logger = new Logger('Jobs');

  constructor(private readonly em: EntityManager) {}

  /** Returns the job's result, or `undefined` when another instance holds the lock. */
  async run<T>(name: string, job: () => Promise<T>): Promise<T | undefined> {
    const key = lockKey(name);
    try {
      return await this.em.fork().transactional(async (em) => {
        const [row] = await em.execute<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock(?) AS locked', [key]);
        if (!row.locked) return undefined;
        return job();
      });
    } catch (error) {
      this.logger.warn(`job ${name} failed: ${loggableMessage(error)}`);
      throw error;
    }
  }
}

/** A stable signed 64-bit key per job name. */
function lockKey(name: string): string {
  return createHash('sha256').update(`portal-job:${name}`).digest().readBigInt64BE(0).toString();
}
