import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { FormCatalogue } from '../../forms/application/form-catalogue';
import { FormPdfRenderer } from '../../forms/application/form-pdf-renderer';
import { Clock } from '../../shared/clock/clock';
import { calendarDate } from '../../shared/dates';
import { NotFoundError } from '../../shared/errors/domain-error';
import { TaskAccess } from '../../tasks/application/task-access';
import { AttachmentRepository } from '../../tasks/application/task.ports';
import { SubmissionGoneError } from '../domain/submission-errors';
import { ContributionFiles, SubmissionRepository } from './submission.ports';

export interface TaskPdf {
  content: Buffer;
  filename: string;
  status: 'draft' | 'submitted';
}

/**
 * GET /tasks/{id}/pdf, for the individual assignee only (as the task detail). Before submission a
 * DRAFT rendered on the fly from the saved draft; after it, the very file that was stored at
 * submission and delivered, for 30 days (410 `gone` after that).
 */
@Injectable()
export class DownloadTaskPdf {
  constructor(
    private readonly access: TaskAccess,
    private readonly forms: FormCatalogue,
    private readonly attachments: AttachmentRepository,
    private readonly submissions: SubmissionRepository,
    private readonly files: ContributionFiles,
    private readonly pdf: FormPdfRenderer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(accountId: string, taskId: string): Promise<TaskPdf> {
    const task = await this.access.loadForContent(accountId, taskId);
    const now = this.clock.now();
    if (task.status === 'submitted') {
      const submission = await this.submissions.findByTaskId(task.id);
      if (!submission) throw new NotFoundError();
      if (!submission.isAvailable(now) || !submission.pdfFileId) throw new SubmissionGoneError();
      const content = await this.files.read(submission.pdfFileId);
      if (!content) throw new SubmissionGoneError();
      const day = calendarDate(submission.submittedAt, this.config.portalTimezone);
      return { content, filename: pdfFilename(task.formKey, task.subjectReference, `submitted-${day}`), status: 'submitted' };
    }
    const form = await this.forms.get(task.formKey, task.formVersion);
    const attachments = await this.attachments.listForTask(task.id);
    const content = await this.pdf.render({
      definition: form.definition,
      answers: task.answers,
      prefill: task.prefill,
      subject: { reference: task.subjectReference, displayName: task.subjectDisplayName ?? '' },
      status: 'draft',
      attachments: attachments.map((a) => ({ filename: a.filename, size: a.size, contentType: a.contentType })),
      generatedAt: now,
    });
    return { content, filename: pdfFilename(task.formKey, task.subjectReference, 'draft'), status: 'draft' };
  }
}

/**
 * `education-advice-LCS-123456-draft.pdf`: the form and the case reference, never the child's name
 * (downloads folders, recent-files lists and mail attachments are not the place for it).
 */
export function pdfFilename(formKey: string, reference: string, suffix: string): string {
  const safe = (s: string) =>
    s
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60);
  return `${[safe(formKey), safe(reference), suffix].filter(Boolean).join('-')}.pdf`;
}
