import { Injectable } from '@nestjs/common';
import { createHash, Hash } from 'node:crypto';
import { FormCatalogue } from '../../forms';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { Attachment } from '../domain/attachment';
import { CONTENT_TYPES, FileKind, MAX_FILE_BYTES, sanitiseFilename } from '../domain/attachment-policy';
import { FileTooLargeError, TaskNotFoundError, VirusDetectedError } from '../domain/task-errors';
import { checkWordZip, HEAD_BYTES, kindFromHead } from './detect-file-type';
import { TaskAccess } from './task-access';
import { AttachmentView, TaskViews } from './task-views';
import { AttachmentRepository, FileStorage, StoredFileStream, VirusScanner } from './task.ports';
import { UploadSlots } from './upload-slots';

/** An upload as the HTTP edge hands it over: a stream, read once, cut off by the transport at its limit. */
export interface IncomingFile {
  filename: string;
  content: AsyncIterable<Buffer>;
  /** True once the transport has cut the file off at MAX_FILE_BYTES (more was sent). */
  truncated(): boolean;
}

/**
 * Adds a supporting document, streamed: never a whole file in memory, and no database connection
 * held while the client sends. Cheap refusals come before a byte is read; then the upload waits for
 * one of the instance's upload slots (a full line is 503 `uploads_busy`); its first bytes must match
 * its extension (415, nothing stored); the rest is staged in storage as it arrives, counted and
 * hashed on the way (413 the moment it passes the limit); a docx's zip is checked and the file
 * scanned by reading the staged bytes back; and only then, with the task row locked and the rules
 * checked again, does the staged file become the attachment's. Whatever is refused after staging
 * has its staged bytes removed (the sweep removes those of uploads that died mid-way).
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
    private readonly slots: UploadSlots,
  ) {}

  async execute(accountId: string, taskId: string, file: IncomingFile): Promise<AttachmentView> {
    await this.checkRules(accountId, taskId, false);
    return this.slots.run(() => this.receive(accountId, taskId, file));
  }

  private async receive(accountId: string, taskId: string, file: IncomingFile): Promise<AttachmentView> {
    const measured = new Measured(file);
    const { head, chunks } = await peek(measured.chunks(), HEAD_BYTES);
    const kind = kindFromHead(head, file.filename);
    const fileId = newId();
    try {
      const size = await this.files.stage(fileId, this.slots.pace(chunks));
      await this.check(fileId, size, kind);
      return await this.uow.run(async () => {
        const task = await this.checkRules(accountId, taskId, true);
        const now = this.clock.now();
        const attachment = Attachment.create({
          id: newId(),
          taskId: task.id,
          fileId,
          filename: sanitiseFilename(file.filename, kind),
          contentType: CONTENT_TYPES[kind],
          size,
          sha256: measured.sha256(),
          uploadedBy: accountId,
          uploadedAt: now,
        });
        await this.files.commitStaged(fileId);
        this.attachments.add(attachment);
        task.recordAttachmentChange(now);
        return this.views.attachment(attachment);
      });
    } catch (error) {
      // Refused, failed or cut off after bytes were staged: remove them now. Should this fail too,
      // the sweep removes them later (they are never visible as a file).
      await this.files.discardStaged(fileId).catch(() => undefined);
      throw error;
    }
  }

  /** The checks that need the whole file, reading the staged bytes back as streams. */
  private async check(fileId: string, size: number, kind: FileKind): Promise<void> {
    if (kind === 'docx') await checkWordZip({ size, read: (start, end) => this.files.readStaged(fileId, start, end) });
    const content = this.files.readStaged(fileId, 0, size);
    try {
      const scan = await this.scanner.scan(content);
      if (!scan.clean) throw new VirusDetectedError();
    } finally {
      content.destroy();
    }
  }

  private async checkRules(accountId: string, taskId: string, forUpdate: boolean) {
    const task = await this.access.load(accountId, taskId, forUpdate ? 'change' : 'read');
    const form = await this.forms.get(task.formKey, task.formVersion);
    task.assertCanAddAttachment(form.allowsAttachments(), await this.attachments.countForTask(task.id));
    return task;
  }
}

/**
 * The upload's bytes as they pass: counted (413 the moment the limit is passed, or when the transport
 * cut the file off) and hashed chunk by chunk, so neither needs the file whole.
 */
class Measured {
  private readonly hash: Hash = createHash('sha256');
  private size = 0;

  constructor(private readonly file: IncomingFile) {}

  async *chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of this.file.content) {
      this.size += chunk.length;
      if (this.size > MAX_FILE_BYTES || this.file.truncated()) throw new FileTooLargeError(MAX_FILE_BYTES);
      this.hash.update(chunk);
      yield chunk;
    }
    if (this.file.truncated()) throw new FileTooLargeError(MAX_FILE_BYTES);
  }

  sha256(): string {
    return this.hash.digest('hex');
  }
}

/** The first `bytes` bytes (fewer if the file is shorter), and every chunk, those included, to read on. */
async function peek(source: AsyncGenerator<Buffer>, bytes: number): Promise<{ head: Buffer; chunks: AsyncIterable<Buffer> }> {
  const seen: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    length += next.value.length;
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    yield* seen;
    if (!done) yield* source;
  }
  return { head: Buffer.concat(seen, length).subarray(0, bytes), chunks: chunks() };
}

@Injectable()
export class DownloadAttachment {
  constructor(
    private readonly access: TaskAccess,
    private readonly attachments: AttachmentRepository,
    private readonly files: FileStorage,
  ) {}

  /** The file is opened, not read: the caller streams it (10 MiB files, many at once, in bounded memory). */
  async execute(accountId: string, taskId: string, attachmentId: string): Promise<{ attachment: Attachment; file: StoredFileStream }> {
    const task = await this.access.load(accountId, taskId);
    const attachment = await this.attachments.find(task.id, attachmentId);
    if (!attachment) throw new TaskNotFoundError();
    const file = await this.files.openRead(attachment.fileId);
    if (!file) throw new TaskNotFoundError();
    return { attachment, file };
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
      const task = await this.access.load(accountId, taskId, 'change');
      task.assertCanRemoveAttachment();
      const attachment = await this.attachments.find(task.id, attachmentId);
      if (!attachment) throw new TaskNotFoundError();
      this.attachments.remove(attachment);
      await this.files.delete([attachment.fileId]);
      task.recordAttachmentChange(this.clock.now());
    });
  }
}
