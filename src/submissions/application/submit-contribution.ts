import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { localizeDefinition, validateAnswers, visibleAnswers } from '../../../libs/form-schema/src';
import type { FormDefinition } from '../../../libs/form-schema/src';
import { AuditLog } from '../../audit';
import { FormCatalogue } from '../../forms';
import { FormPdfRenderer } from '../../forms';
import { CaseSystemOutbox } from '../../case-system-outbox';
import { Notifier } from '../../notifications';
import type { Language } from '../../shared/i18n/language';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { Delivery } from '../domain/delivery';
import { Submission, Submitter } from '../domain/submission';
import { ContributionFiles, DeliveryRepository, SubmissionRepository } from './submission.ports';
import { TaskContribution, TaskContributions } from './task-contributions';

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
 * delivery row in the outbox, the audit entry and the submitter's receipt email (mail outbox).
 * Either all of it happens or none of it.
 *
 * The PDF is drawn before the transaction, from the task as read then, and used only if the locked
 * task still holds exactly what it was drawn from (else drawn again inside): drawing takes tens of
 * milliseconds on a worker thread, and a transaction waiting for it would hold one of the few
 * database connections meanwhile (under a burst of submissions every other request then waited for
 * a connection, and some gave up: 503 database_unavailable).
 */
@Injectable()
export class SubmitContribution {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tasks: TaskContributions,
    private readonly forms: FormCatalogue,
    private readonly files: ContributionFiles,
    private readonly pdf: FormPdfRenderer,
    private readonly submissions: SubmissionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly audit: AuditLog,
    private readonly outbox: CaseSystemOutbox,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
  ) {}

  async execute(
    submitter: Submitter,
    taskId: string,
    input: { version: number; language?: Language },
  ): Promise<SubmissionReceipt> {
    const language = input.language ?? 'en';
    const now = this.clock.now();
    const drawn = await this.drawAhead(submitter, taskId, input.version, now, language);
    return this.uow.run(async () => {
      const { contribution: task, before } = await this.tasks.submit(submitter.accountId, taskId, input.version, now);
      // Published versions never change and are cached: the definition tasks checked the answers against.
      const form = await this.forms.get(task.formKey, task.formVersion);
      const attachments = task.attachments;
      const subject = { reference: task.subjectReference, displayName: task.subjectDisplayName ?? '' };
      const pdf =
        drawn && drawn.content === pdfContent(task) ? drawn.pdf : await this.draw(task, form.definition, submitter, now, language);
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
      await this.outbox.taskEvent({
        taskId: task.id,
        externalRef: task.externalRef,
        type: 'submitted',
        actor: { type: 'account', accountId: submitter.accountId, name: submitter.name, email: submitter.email },
        details: { submissionId: submission.id },
      });
      await this.notifier.sendIn(
        language,
        submitter.email,
        'contributionSubmitted',
        localizeDefinition(form.definition, language).title,
        submission.id,
        now.toISOString(),
        // One per line; a line break in a file's name would split it, so none survives here.
        attachments.map((a) => a.filename.replace(/[\r\n]+/g, ' ')).join('\n'),
        submission.availableUntil().toISOString(),
      );
      return {
        submissionId: submission.id,
        submittedAt: now.toISOString(),
        availableUntil: submission.availableUntil().toISOString(),
      };
    });
  }

  /**
   * The submitted PDF of the task as it stands, outside any transaction; undefined when the task
   * cannot be read, is not at `version`, is submitted or incomplete (the transaction then gives the
   * answer: 404, 409, 422...).
   */
  private async drawAhead(
    submitter: Submitter,
    taskId: string,
    version: number,
    now: Date,
    language: Language,
  ): Promise<{ pdf: Buffer; content: string } | undefined> {
    let task: TaskContribution;
    try {
      task = await this.tasks.read(submitter.accountId, taskId);
    } catch {
      return undefined;
    }
    if (task.version !== version || task.status === 'submitted') return undefined;
    const form = await this.forms.get(task.formKey, task.formVersion);
    // An incomplete form is refused inside (422): nothing to draw for it.
    if (validateAnswers(form.definition, task.answers, { mode: 'complete' }).length) return undefined;
    return { pdf: await this.draw(task, form.definition, submitter, now, language), content: pdfContent(task) };
  }

  private draw(task: TaskContribution, definition: FormDefinition, submitter: Submitter, now: Date, language: Language): Promise<Buffer> {
    return this.pdf.render({
      definition,
      answers: task.answers,
      prefill: task.prefill,
      subject: { reference: task.subjectReference, displayName: task.subjectDisplayName ?? '' },
      status: 'submitted',
      submittedAt: now,
      submittedBy: { name: submitter.name, organisation: submitter.organisation, email: submitter.email },
      attachments: task.attachments.map((a) => ({ filename: a.filename, size: a.size, contentType: a.contentType })),
      generatedAt: now,
      language,
    });
  }
}

/** Everything of a task the submitted PDF shows (with the submitter, time and language, fixed per request). */
function pdfContent(task: TaskContribution): string {
  return JSON.stringify([
    task.formKey,
    task.formVersion,
    task.subjectReference,
    task.subjectDisplayName,
    task.answers,
    task.prefill,
    task.attachments.map((a) => [a.filename, a.size, a.contentType]),
  ]);
}
