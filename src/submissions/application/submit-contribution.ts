import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { visibleAnswers } from '../../../libs/form-schema/src';
import { AuditTrail } from '../../audit/audit-trail';
import { FormCatalogue } from '../../forms/application/form-catalogue';
import { FormPdfRenderer } from '../../forms/application/form-pdf-renderer';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { TaskAccess } from '../../tasks/application/task-access';
import { AttachmentRepository } from '../../tasks/application/task.ports';
import { Delivery } from '../domain/delivery';
import { Submission, Submitter } from '../domain/submission';
import { ContributionFiles, DeliveryRepository, SubmissionRepository } from './submission.ports';

export interface SubmissionReceipt {
  submissionId: string;
  submittedAt: string;
  availableUntil: string;
}

/**
 * "Submit Contribution" (POST /tasks/{id}/submit). In one transaction, with the task row locked:
 * the aggregate's checks (assignee, once, version, the whole form complete), the snapshot (visible
 * answers without the read-only prefill, the files as they are, the submitter, the time), the PDF
 * rendered once and stored with its sha256 (that very file is delivered and downloaded later), the
 * delivery row in the outbox and the audit entry. Either all of it happens or none of it.
 */
@Injectable()
export class SubmitContribution {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: TaskAccess,
    private readonly forms: FormCatalogue,
    private readonly attachments: AttachmentRepository,
    private readonly files: ContributionFiles,
    private readonly pdf: FormPdfRenderer,
    private readonly submissions: SubmissionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(submitter: Submitter, taskId: string, input: { version: number }): Promise<SubmissionReceipt> {
    return this.uow.run(async () => {
      const task = await this.access.loadForContent(submitter.accountId, taskId, { forUpdate: true });
      const form = await this.forms.get(task.formKey, task.formVersion);
      const now = this.clock.now();
      const before = { status: task.status, version: task.version };
      task.submit(form.definition, submitter.accountId, input.version, now);

      const attachments = await this.attachments.listForTask(task.id);
      const subject = { reference: task.subjectReference, displayName: task.subjectDisplayName ?? '' };
      const pdf = await this.pdf.render({
        definition: form.definition,
        answers: task.answers,
        prefill: task.prefill,
        subject,
        status: 'submitted',
        submittedAt: now,
        submittedBy: { name: submitter.name, organisation: submitter.organisation, email: submitter.email },
        attachments: attachments.map((a) => ({ filename: a.filename, size: a.size, contentType: a.contentType })),
        generatedAt: now,
      });
      const pdfFileId = newId();
      await this.files.store(pdfFileId, pdf);

      const submission = Submission.record({
        id: newId(),
        taskId: task.id,
        externalRef: task.externalRef,
        form: { key: task.formKey, version: task.formVersion },
        subject,
        answers: visibleAnswers(form.definition, task.answers),
        // The files stay where they are; the snapshot names them and their checksums.
        attachments: attachments.map((a) => ({
          fileId: a.fileId,
          filename: a.filename,
          contentType: a.contentType,
          size: a.size,
          sha256: a.sha256,
        })),
        submittedBy: { ...submitter },
        submittedAt: now,
        pdfFileId,
        pdfSha256: createHash('sha256').update(pdf).digest('hex'),
      });
      this.submissions.add(submission);
      await this.submissions.flush();
      this.deliveries.add(Delivery.start(submission.id, now));

      await this.audit.record({
        actor: { type: 'account', id: submitter.accountId },
        action: 'task.submitted',
        taskId: task.id,
        from: before,
        to: { status: task.status, version: task.version, submissionId: submission.id },
      });
      return {
        submissionId: submission.id,
        submittedAt: now.toISOString(),
        availableUntil: submission.availableUntil().toISOString(),
      };
    });
  }
}
