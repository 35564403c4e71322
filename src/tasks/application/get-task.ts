import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-trail';
import { FormCatalogue } from '../../forms/application/form-catalogue';
import { TaskNotFoundError } from '../domain/task-errors';
import { TaskAccess } from './task-access';
import { TaskDetailView, TaskViews } from './task-views';
import { AttachmentRepository, TaskReadModel } from './task.ports';

const HISTORY_LIMIT = 100;

/** The task with its form, draft, prefill, files and history: for the individual assignee only. */
@Injectable()
export class GetTask {
  constructor(
    private readonly access: TaskAccess,
    private readonly readModel: TaskReadModel,
    private readonly forms: FormCatalogue,
    private readonly attachments: AttachmentRepository,
    private readonly audit: AuditTrail,
    private readonly views: TaskViews,
  ) {}

  async execute(accountId: string, taskId: string): Promise<TaskDetailView> {
    const task = await this.access.loadForContent(accountId, taskId);
    const record = await this.readModel.findById(task.id);
    const form = await this.forms.get(task.formKey, task.formVersion);
    const attachments = await this.attachments.listForTask(task.id);
    const history = await this.audit.list({ taskId: task.id }, HISTORY_LIMIT);
    if (!record) throw new TaskNotFoundError();
    return {
      ...(await this.views.summary(record)),
      definition: form.definition,
      answers: task.answers,
      prefill: task.prefill,
      attachments: attachments.map((a) => this.views.attachment(a)),
      history,
    };
  }
}
