import { Injectable, Logger } from '@nestjs/common';
import { AuditTrail } from '../../audit';
import { AuditConfig } from '../../config/config-slices';
import { Clock, DAY_MS } from '../../shared/clock/clock';
import { Interval } from '@nestjs/schedule';
import { ExclusiveJobRunner } from '../../shared/jobs/exclusive-job-runner';
import { PurgeExpiredContent, PurgeReport } from '../application/purge-expired-content';

/**
 * Retention, every 15 minutes on one instance at a time (advisory lock). Tests call `run()`.
 * Besides submissions, the audit trail: entries older than AUDIT_RETENTION_DAYS are deleted (they
 * carry no form content, but they do say who did what to which child's task).
 */
@Injectable()
export class RetentionJob {
  constructor(
    private readonly runner: ExclusiveJobRunner,
    private readonly purge: PurgeExpiredContent,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly config: AuditConfig,
  ) {}

  private readonly logger = new Logger('Retention');

  @Interval('submission-retention', 15 * 60_000)
  async scheduled(): Promise<void> {
    await this.run().catch(() => undefined);
  }

  run(): Promise<PurgeReport | undefined> {
    return this.runner.run('submission-retention', async () => {
      const report = await this.purge.execute();
      const cutoff = new Date(this.clock.now().getTime() - this.config.auditRetentionDays * DAY_MS);
      const purged = await this.audit.purgeBefore(cutoff);
      if (purged > 0) this.logger.log(`${purged} audit entries older than ${this.config.auditRetentionDays} days deleted`);
      return report;
    });
  }
}
