import { loggableMessage } from '../../shared/logging/loggable-error';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { RETENTION_MS } from '../domain/submission';
import { ContributionFiles, DeliveryRepository, RetentionQueries, SubmissionRepository } from './submission.ports';
import { TaskContributions } from './task-contributions';

const BATCH = 100;

export interface PurgeReport {
  /** Submissions whose answers, files and PDF were deleted. */
  purged: number;
  /** Past retention but not yet received by the council: kept, and flagged to admins. */
  heldUndelivered: number;
  /** Withdrawn tasks that still held content and were cleaned. */
  withdrawnCleaned: number;
}

/**
 * Data minimisation. 30 days after submission, once the council has received it, a submission's
 * answers, its files (attachments and PDF) and the task's draft and prefill are deleted; only the
 * fact of it remains. An undelivered submission is never purged: it is kept until delivered and shown
 * to admins (`heldPastRetention`, and a metric). Withdrawn tasks are purged at withdrawal; anything a
 * withdrawn task still holds is removed here. Each item is its own (nested) transaction, so one bad
 * row never blocks the rest.
 */
@Injectable()
export class PurgeExpiredContent {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly submissions: SubmissionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly tasks: TaskContributions,
    private readonly files: ContributionFiles,
    private readonly retention: RetentionQueries,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<PurgeReport> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - RETENTION_MS);
    const report: PurgeReport = { purged: 0, heldUndelivered: 0, withdrawnCleaned: 0 };
    const failed = new Set<string>();

    for (;;) {
      const ids = (await this.uow.run(() => this.submissions.deliveredDueForPurge(cutoff, BATCH))).filter(
        (id) => !failed.has(id),
      );
      if (!ids.length) break;
      for (const id of ids) {
        try {
          if (await this.purgeSubmission(id, now)) report.purged += 1;
        } catch (error) {
          failed.add(id);
          this.logger.warn(`could not purge submission ${id}: ${loggableMessage(error)}`);
        }
      }
      if (ids.length < BATCH) break;
    }

    for (;;) {
      const ids = (await this.uow.run(() => this.retention.withdrawnTasksHoldingContent(BATCH))).filter((id) => !failed.has(id));
      if (!ids.length) break;
      for (const id of ids) {
        try {
          if (await this.cleanWithdrawn(id, now)) report.withdrawnCleaned += 1;
        } catch (error) {
          failed.add(id);
          this.logger.warn(`could not clean withdrawn task ${id}: ${loggableMessage(error)}`);
        }
      }
      if (ids.length < BATCH) break;
    }

    report.heldUndelivered = await this.uow.run(() => this.deliveries.countUndeliveredSubmittedBefore(cutoff));
    if (report.heldUndelivered > 0) {
      this.logger.warn(
        `${report.heldUndelivered} submission(s) past retention are kept because the council has not received them`,
      );
    }
    return report;
  }

  private purgeSubmission(submissionId: string, now: Date): Promise<boolean> {
    return this.uow.run(async () => {
      const submission = await this.submissions.findById(submissionId, { forUpdate: true });
      const delivery = await this.deliveries.find(submissionId);
      // Checked again under the lock: only what the council has, never what it might still need.
      if (!submission || submission.isPurged() || delivery?.status !== 'delivered') return false;
      const fileIds = submission.purge(now);
      const removed = (await this.tasks.forget(submission.taskId, now)) ?? [];
      await this.files.delete([...new Set([...fileIds, ...removed])]);
      return true;
    });
  }

  private cleanWithdrawn(taskId: string, now: Date): Promise<boolean> {
    return this.uow.run(async () => {
      const removed = await this.tasks.forget(taskId, now, { onlyIfWithdrawn: true });
      if (!removed) return false;
      await this.files.delete(removed);
      return true;
    });
  }
}
