import { Injectable } from '@nestjs/common';
import { PortalConfig } from '../../config/config-slices';
import { FormCatalogue } from '../../forms';
import { FormPdfRenderer } from '../../forms';
import { Clock } from '../../shared/clock/clock';
import type { Language } from '../../shared/i18n/language';
import { calendarDate } from '../../shared/dates';
import { NotFoundError } from '../../shared/errors/domain-error';
import { SubmissionGoneError } from '../domain/submission-errors';
import { ContributionFiles, SubmissionRepository } from './submission.ports';
import { TaskContributions } from './task-contributions';

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
    private readonly tasks: TaskContributions,
    private readonly forms: FormCatalogue,
    private readonly submissions: SubmissionRepository,
    private readonly files: ContributionFiles,
    private readonly pdf: FormPdfRenderer,
    private readonly clock: Clock,
    private readonly config: PortalConfig,
  ) {}

  async execute(accountId: string, taskId: string, language?: Language): Promise<TaskPdf> {
    const task = await this.tasks.read(accountId, taskId);
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
    const attachments = task.attachments;
    const content = await this.pdf.render({
      definition: form.definition,
      answers: task.answers,
      prefill: task.prefill,
      subject: { reference: task.subjectReference, displayName: task.subjectDisplayName ?? '' },
      status: 'draft',
      attachments: attachments.map((a) => ({ filename: a.filename, size: a.size, contentType: a.contentType })),
      generatedAt: now,
      language,
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
