import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-trail';
import { FormCatalogue } from '../../forms/application/form-catalogue';
import { contentAccess } from '../domain/task';
import { PickupRequiredError, TaskNotFoundError } from '../domain/task-errors';
import { TaskDetailView, TaskViews } from './task-views';
import { TaskReadModel, WorkGroupDirectory } from './task.ports';

const HISTORY_LIMIT = 100;

/**
 * The task with its form, draft, prefill, files and history: for the individual assignee only. A
 * read: one statement for the task (record, draft and prefill), the aggregate's own access rule on
 * it, and no entity loaded (attachments and history are plain reads too).
 */
@Injectable()
export class GetTask {
  constructor(
    private readonly readModel: TaskReadModel,
    private readonly workGroups: WorkGroupDirectory,
    private readonly forms: FormCatalogue,
    private readonly audit: AuditTrail,
    private readonly views: TaskViews,
  ) {}

  async execute(accountId: string, taskId: string): Promise<TaskDetailView> {
    const task = await this.readModel.findContent(taskId);
    if (!task) throw new TaskNotFoundError();
    // Group membership matters only for a task a group holds: skip the lookup otherwise.
    const workGroupIds = task.assigneeKind === 'work_group' ? await this.workGroups.groupIdsOf(accountId) : [];
    const access = contentAccess(task, { accountId, workGroupIds });
    if (access === 'pickup_required') throw new PickupRequiredError();
    if (access !== 'full') throw new TaskNotFoundError();
    const form = await this.forms.get(task.formKey, task.formVersion);
    const attachments = await this.readModel.attachmentsOf(task.id);
    const history = await this.audit.list({ taskId: task.id }, HISTORY_LIMIT);
    return {
      ...this.views.summary(task),
      definition: form.definition,
      answers: task.answers,
      prefill: task.prefill,
      attachments: attachments.map((a) => this.views.attachment(a)),
      history,
    };
  }
}
