import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DAY_MS, HOUR_MS } from '../../shared/clock/clock';
import { ExclusiveJobRunner } from '../../shared/jobs/exclusive-job-runner';
import { LoginChallenge } from '../domain/login-challenge';
import { PasswordReset } from '../domain/password-reset';
import { Registration } from '../domain/registration';
import { Session } from '../domain/session';

/**
 * Data minimisation for identity: registrations, login challenges and password resets are useless
 * an hour after their code was sent (kept that long so counters like "5 reset emails an hour" hold);
 * ended or expired sessions go after a day.
 */
@Injectable()
export class IdentityCleanupJob {
  constructor(
    private readonly runner: ExclusiveJobRunner,
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  @Interval('identity-cleanup', 10 * 60_000)
  async scheduled(): Promise<void> {
    await this.run().catch(() => undefined);
  }

  async run(): Promise<{ challenges: number; sessions: number } | undefined> {
    return this.runner.run('identity-cleanup', async () => {
      const now = this.clock.now().getTime();
      const challengeCutoff = new Date(now - HOUR_MS);
      const sessionCutoff = new Date(now - DAY_MS);
      // The runner's transaction (its connection holds the job's lock), which the injected
      // EntityManager resolves to here: a fork would take a second connection, and the embedded
      // database has only one, so the job waited for itself until the pool gave up.
      let challenges = 0;
      for (const entity of [Registration, LoginChallenge, PasswordReset]) {
        challenges += await this.em.nativeDelete(entity, { codeSentAt: { $lt: challengeCutoff } });
      }
      const sessions = await this.em.nativeDelete(Session, {
        $or: [{ endedAt: { $ne: null, $lt: sessionCutoff } }, { absoluteExpiresAt: { $lt: sessionCutoff } }, { lastSeenAt: { $lt: sessionCutoff } }],
      });
      return { challenges, sessions };
    });
  }
}
