import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ExclusiveJobRunner } from '../../shared/jobs/exclusive-job-runner';
import { PurgeExpiredContent, PurgeReport } from '../application/purge-expired-content';

/** Retention, every 15 minutes on one instance at a time (advisory lock). Tests call `run()`. */
@Injectable()
export class RetentionJob {
  constructor(
    private readonly runner: ExclusiveJobRunner,
    private readonly purge: PurgeExpiredContent,
  ) {}

  @Interval('submission-retention', 15 * 60_000)
  async scheduled(): Promise<void> {
    await this.run().catch(() => undefined);
  }

  run(): Promise<PurgeReport | undefined> {
    return this.runner.run('submission-retention', () => this.purge.execute());
  }
}
