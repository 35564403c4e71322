import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DAY_MS, HOUR_MS } from '../../shared/clock/clock';
import { ExclusiveJobRunner } from '../../shared/jobs/exclusive-job-runner';

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
      const em = this.em;
      let challenges = 0;
      for (const table of ['registrations', 'login_challenges', 'password_resets']) {
        const rows = await em.execute<{ id: string }[]>(`DELETE FROM ${table} WHERE code_sent_at < ? RETURNING id`, [challengeCutoff]);
        challenges += rows.length;
      }
      const sessions = await em.execute<{ id: string }[]>(
        'DELETE FROM sessions WHERE (ended_at IS NOT NULL AND ended_at < ?) OR absolute_expires_at < ? OR last_seen_at < ? RETURNING id',
        [sessionCutoff, sessionCutoff, sessionCutoff],
      );
      return { challenges, sessions: sessions.length };
    });
  }
}
