import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { DeliveryConfig } from '../../config/config-slices';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { AttemptOutcome } from '../domain/delivery';
import { Submission } from '../domain/submission';
import {
  CaseSystemGateway,
  ContributionFileStream,
  ContributionFiles,
  ContributionPayload,
  DeliveryRepository,
  SubmissionRepository,
} from './submission.ports';

/**
 * One delivery attempt for a claimed submission: build the contribution from the snapshot and its
 * files, send it, and record what happened. The HTTP call happens outside any transaction.
 */
@Injectable()
export class DeliverContribution {
  private readonly logger = new Logger('Delivery');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly submissions: SubmissionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly files: ContributionFiles,
    private readonly gateway: CaseSystemGateway,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: DeliveryConfig,
  ) {}

  async execute(submissionId: string, stop?: AbortSignal): Promise<AttemptOutcome['kind']> {
    // A plain read, outside any transaction: the claim (a lease) is what keeps other lanes away.
    const submission = await this.submissions.findById(submissionId);
    const outcome: AttemptOutcome = submission
      ? await this.attempt(submission, stop)
      : { kind: 'refused', error: 'the submission no longer exists' };
    await this.uow.runStatements(async () => {
      const delivery = await this.deliveries.findForOutcome(submissionId);
      // An admin or another instance may have settled it meanwhile: never undo a delivery.
      if (!delivery || delivery.status === 'delivered') return;
      delivery.record(outcome, this.clock.now(), this.config.deliveryRetryBaseMs, Math.random());
      await this.deliveries.saveOutcome(delivery);
      if (outcome.kind === 'accepted' && submission) {
        await this.audit.record({
          actor: { type: 'system' },
          action: 'task.delivered',
          taskId: submission.taskId,
          to: { receiptId: outcome.receiptId },
        });
      }
    });
    if (outcome.kind === 'accepted') this.logger.log(`delivered ${submissionId} (receipt ${outcome.receiptId})`);
    else this.logger.warn(`delivery of ${submissionId} not accepted (${outcome.kind}): ${outcome.error.slice(0, 200)}`);
    return outcome.kind;
  }

  private async attempt(submission: Submission, stop?: AbortSignal): Promise<AttemptOutcome> {
    let payload: ContributionPayload;
    try {
      payload = await this.payload(submission);
    } catch (error) {
      // Content that is gone will not come back by waiting: an admin must see it. A read that failed may work next time.
      if (error instanceof MissingContentError) return { kind: 'refused', error: `not sent: ${error.message}` };
      return { kind: 'retryable', error: `could not read the contribution's files: ${(error as Error).message}` };
    }
    try {
      return await this.gateway.deliver(payload, stop);
    } finally {
      // Whatever the gateway did not read (it gave up early) is released, not left pending.
      for (const file of [payload.pdf.file, ...payload.attachments.map((a) => a.file)]) file.content.destroy();
    }
  }

  /**
   * Opens every file before a byte is sent (so a missing one refuses the delivery up front), but
   * reads none: the gateway streams them one after the other as it sends (bounded memory, issue 21).
   */
  private async payload(s: Submission): Promise<ContributionPayload> {
    if (s.isPurged() || !s.pdfFileId || !s.answers) throw new MissingContentError('the contribution was purged before delivery');
    const opened: ContributionFileStream[] = [];
    try {
      const open = async (fileId: string) => {
        const file = await this.files.open(fileId);
        if (!file) throw new MissingContentError(`file ${fileId} is missing`);
        opened.push(file);
        return file;
      };
      const pdf = await open(s.pdfFileId);
      const attachments = [];
      for (const a of s.attachments) {
        const file = await open(a.fileId);
        attachments.push({ filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256, file });
      }
      return {
        submissionId: s.id,
        taskExternalRef: s.externalRef,
        form: { key: s.formKey, version: s.formVersion },
        subject: s.subject,
        submittedAt: s.submittedAt.toISOString(),
        submittedBy: s.submittedBy,
        answers: s.answers,
        attachments,
        pdf: { sha256: s.pdfSha256 || null, file: pdf },
      };
    } catch (error) {
      for (const file of opened) file.content.destroy();
      throw error;
    }
  }
}

class MissingContentError extends Error {}
