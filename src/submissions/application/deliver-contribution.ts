import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-trail';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { AttemptOutcome } from '../domain/delivery';
import { Submission } from '../domain/submission';
import {
  CaseSystemGateway,
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
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(submissionId: string): Promise<AttemptOutcome['kind']> {
    // A plain read, outside any transaction: the claim (a lease) is what keeps other lanes away.
    const submission = await this.submissions.findById(submissionId);
    const outcome: AttemptOutcome = submission
      ? await this.attempt(submission)
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
    if (outcome.kind !== 'accepted')
      this.logger.warn(`delivery of ${submissionId} not accepted (${outcome.kind}): ${outcome.error.slice(0, 200)}`);
    return outcome.kind;
  }

  private async attempt(submission: Submission): Promise<AttemptOutcome> {
    let payload: ContributionPayload;
    try {
      payload = await this.payload(submission);
    } catch (error) {
      // Content that is gone will not come back by waiting: an admin must see it. A read that failed may work next time.
      if (error instanceof MissingContentError) return { kind: 'refused', error: `not sent: ${error.message}` };
      return { kind: 'retryable', error: `could not read the contribution's files: ${(error as Error).message}` };
    }
    return this.gateway.deliver(payload);
  }

  private async payload(s: Submission): Promise<ContributionPayload> {
    if (s.isPurged() || !s.pdfFileId || !s.answers) throw new MissingContentError('the contribution was purged before delivery');
    const pdf = await this.mustRead(s.pdfFileId);
    const attachments = [];
    for (const a of s.attachments) {
      const content = await this.mustRead(a.fileId);
      attachments.push({
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
        sha256: a.sha256,
        contentBase64: content.toString('base64'),
      });
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
      pdfBase64: pdf.toString('base64'),
      pdfSha256: s.pdfSha256 || createHash('sha256').update(pdf).digest('hex'),
    };
  }

  private async mustRead(fileId: string): Promise<Buffer> {
    const content = await this.files.read(fileId);
    if (!content) throw new MissingContentError(`file ${fileId} is missing`);
    return content;
  }
}

class MissingContentError extends Error {}
