import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { FormCatalogue } from '../../forms/application/form-catalogue';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { Attachment } from '../domain/attachment';
import { CONTENT_TYPES, MAX_FILE_BYTES, sanitiseFilename } from '../domain/attachment-policy';
import { FileTooLargeError, TaskNotFoundError, VirusDetectedError } from '../domain/task-errors';
import { detectFileType } from './detect-file-type';
import { TaskAccess } from './task-access';
import { AttachmentView, TaskViews } from './task-views';
import { AttachmentRepository, FileStorage, VirusScanner } from './task.ports';

/** An upload as the HTTP edge hands it over: a stream, read once, cut off by the transport at its limit. */
export interface IncomingFile {
  filename: string;
  content: AsyncIterable<Buffer>;
  /** True once the transport has cut the file off at MAX_FILE_BYTES (more was sent). */
  truncated(): boolean;
}

/**
 * Adds a supporting document. Cheap refusals come before a byte is read; the size limit is enforced
 * while streaming (nothing stored); then the content must match the extension, the scanner must say
 * clean, and only then, with the task row locked and the rules checked again, is anything written.
 */
@Injectable()
export class UploadAttachment {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: TaskAccess,
    private readonly forms: FormCatalogue,
    private readonly attachments: AttachmentRepository,
    private readonly files: FileStorage,
    private readonly scanner: VirusScanner,
    private readonly views: TaskViews,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, taskId: string, file: IncomingFile): Promise<AttachmentView> {
    await this.checkRules(accountId, taskId, false);

    const { content, sha256 } = await readWithinLimit(file);
    const kind = await detectFileType(content, file.filename);
    const scan = await this.scanner.scan(content);
    if (!scan.clean) throw new VirusDetectedError();

    return this.uow.run(async () => {
      const task = await this.checkRules(accountId, taskId, true);
      const now = this.clock.now();
      const attachment = Attachment.create({
        id: newId(),
        taskId: task.id,
        fileId: newId(),
        filename: sanitiseFilename(file.filename, kind),
        contentType: CONTENT_TYPES[kind],
        size: content.length,
        sha256,
        uploadedBy: accountId,
        uploadedAt: now,
      });
      await this.files.put(attachment.fileId, content);
      this.attachments.add(attachment);
      task.recordAttachmentChange(now);
      return this.views.attachment(attachment);
    });
  }

  private async checkRules(accountId: string, taskId: string, forUpdate: boolean) {
    const task = await this.access.loadForContent(accountId, taskId, { forUpdate });
    const form = await this.forms.get(task.formKey, task.formVersion);
    task.assertCanAddAttachment(form.allowsAttachments(), await this.attachments.countForTask(task.id));
    return task;
  }
}

async function readWithinLimit(file: IncomingFile): Promise<{ content: Buffer; sha256: string }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.content) {
    size += chunk.length;
    // Refuse the moment the limit is passed; what was read is dropped with `chunks`.
    if (size > MAX_FILE_BYTES || file.truncated()) throw new FileTooLargeError(MAX_FILE_BYTES);
    hash.update(chunk);
    chunks.push(chunk);
  }
  if (file.truncated()) throw new FileTooLargeError(MAX_FILE_BYTES);
  return { content: Buffer.concat(chunks, size), sha256: hash.digest('hex') };
}

@Injectable()
export class DownloadAttachment {
  constructor(
    private readonly access: TaskAccess,
    private readonly attachments: AttachmentRepository,
    private readonly files: FileStorage,
  ) {}

  async execute(accountId: string, taskId: string, attachmentId: string): Promise<{ attachment: Attachment; content: Buffer }> {
    const task = await this.access.loadForContent(accountId, taskId);
    const attachment = await this.attachments.find(task.id, attachmentId);
    if (!attachment) throw new TaskNotFoundError();
    const content = await this.files.get(attachment.fileId);
    if (!content) throw new TaskNotFoundError();
    return { attachment, content };
  }
}

@Injectable()
export class DeleteAttachment {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: TaskAccess,
    private readonly attachments: AttachmentRepository,
    private readonly files: FileStorage,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, taskId: string, attachmentId: string): Promise<void> {
    await this.uow.run(async () => {
      const task = await this.access.loadForContent(accountId, taskId, { forUpdate: true });
      task.assertCanRemoveAttachment();
      const attachment = await this.attachments.find(task.id, attachmentId);
      if (!attachment) throw new TaskNotFoundError();
      this.attachments.remove(attachment);
      await this.files.delete([attachment.fileId]);
      task.recordAttachmentChange(this.clock.now());
    });
  }
}
