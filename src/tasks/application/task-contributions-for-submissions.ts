import { Injectable } from '@nestjs/common';
import { FormCatalogue } from '../../forms';
import { Attachment } from '../domain/attachment';
import { Task } from '../domain/task';
import { TaskAccess } from './task-access';
import { TaskMessages } from './task-messages.port';
import { AttachmentRepository, TaskRepository } from './task.ports';

/** A task's contribution as the submissions context's `TaskContributions` port describes it. */
export interface TaskContribution {
  id: string;
  externalRef: string;
  formKey: string;
  formVersion: number;
  subjectReference: string;
  subjectDisplayName: string | null;
  answers: Task['answers'];
  prefill: Record<string, unknown>;
  status: string;
  version: number;
  attachments: { fileId: string; filename: string; contentType: string; size: number; sha256: string }[];
}

export interface SubmittedContribution {
  contribution: TaskContribution;
  before: { status: string; version: number };
}

/**
 * Tasks' side of the submissions context's `TaskContributions` port: the aggregate's rules (who may
 * see it, when it can be submitted, what is forgotten) applied here, in the caller's transaction.
 * Tasks know nothing of submissions: the shape matches the port structurally, and SubmissionsModule
 * binds it (type-checked there).
 */
@Injectable()
export class TaskContributionsForSubmissions {
  constructor(
    private readonly access: TaskAccess,
    private readonly tasks: TaskRepository,
    private readonly attachments: AttachmentRepository,
    private readonly forms: FormCatalogue,
    private readonly messages: TaskMessages,
  ) {}

  async read(accountId: string, taskId: string): Promise<TaskContribution> {
    const task = await this.access.load(accountId, taskId);
    return contributionOf(task, await this.attachments.listForTask(task.id));
  }

  async submit(accountId: string, taskId: string, version: number, now: Date): Promise<SubmittedContribution> {
    const task = await this.access.load(accountId, taskId, 'change');
    const form = await this.forms.get(task.formKey, task.formVersion);
    const before = { status: task.status, version: task.version };
    task.submit(form.definition, accountId, version, now);
    return { contribution: contributionOf(task, await this.attachments.listForTask(task.id)), before };
  }

  async forget(taskId: string, now: Date, options: { onlyIfWithdrawn?: boolean } = {}): Promise<string[] | null> {
    const task = await this.tasks.load({ id: taskId }, 'change');
    if (options.onlyIfWithdrawn && !task?.isWithdrawn()) return null;
    task?.forgetContent(now);
    // The thread with the case worker is content about the child too.
    await this.messages.deleteForTask(taskId);
    const removed = await this.attachments.removeAllForTask(taskId);
    return removed.map((a) => a.fileId);
  }
}

function contributionOf(task: Task, attachments: Attachment[]): TaskContribution {
  return {
    id: task.id,
    externalRef: task.externalRef,
    formKey: task.formKey,
    formVersion: task.formVersion,
    subjectReference: task.subjectReference,
    subjectDisplayName: task.subjectDisplayName,
    answers: task.answers,
    prefill: task.prefill,
    status: task.status,
    version: task.version,
    attachments: attachments.map((a) => ({ fileId: a.fileId, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256 })),
  };
}
