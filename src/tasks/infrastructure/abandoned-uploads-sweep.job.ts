import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ExclusiveJobRunner } from '../../shared/jobs/exclusive-job-runner';
import { SweepAbandonedUploads } from '../application/sweep-abandoned-uploads';

/** Every quarter of an hour, on one instance at a time: the staged parts of uploads that never completed go. */
@Injectable()
export class AbandonedUploadsSweepJob {
  private readonly logger = new Logger('Uploads');

  constructor(
    private readonly runner: ExclusiveJobRunner,
    private readonly sweep: SweepAbandonedUploads,
  ) {}

  @Interval('abandoned-uploads-sweep', 15 * 60_000)
  async scheduled(): Promise<void> {
    await this.run().catch(() => undefined);
  }

  async run(): Promise<number | undefined> {
    const swept = await this.runner.run('abandoned-uploads-sweep', () => this.sweep.execute());
    if (swept) this.logger.log(`removed the staged bytes of ${swept} upload(s) that never completed`);
    return swept;
  }
}
