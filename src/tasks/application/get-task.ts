import { Injectable } from '@nestjs/common';
import { FormCatalogue } from '../../forms';
import type { AuditRecord } from '../../audit';
import { ChangedField, describeChange } from '../domain/case-system-change';
import { contentAccess } from '../domain/task';
import { PickupRequiredError, TaskNotFoundError } from '../domain/task-errors';
import { RecordFirstOpening } from './record-first-opening';
import { TaskDetailView, TaskViews } from './task-views';
import { TaskReadModel, WorkGroupDirectory } from './task.ports';

const HISTORY_LIMIT = 100;

/** The page's notices come from the history: one per change the case system made (see ChangeTask). */
function noticesFrom(history: AuditRecord[]): { at: string; text: string }[] {
  return history
    .filter((h) => h.action === 'task.changed')
    .map((h) => {
      const to = (h.to ?? {}) as { fields?: ChangedField[]; dueDate?: string };
      const from = (h.from ?? {}) as { dueDate?: string };
      const text = (to.fields ?? [])
        .map((field) => describeChange(field === 'dueDate' ? { field, from: from.dueDate, to: to.dueDate } : { field }))
        .join(' ');
      return { at: h.at, text };
    });
}

/**
 * The task with its form, draft, prefill, files and history: for the individual assignee only. A
 * read: one statement for all of it (the form definition is cached), the aggregate's own access rule
 * on it, and no entity loaded.
 */
@Injectable()
export class GetTask {
  constructor(
    private readonly readModel: TaskReadModel,
    private readonly workGroups: WorkGroupDirectory,
    private readonly forms: FormCatalogue,
    private readonly views: TaskViews,
    private readonly firstOpening: RecordFirstOpening,
  ) {}

  async execute(accountId: string, taskId: string): Promise<TaskDetailView> {
    const task = await this.readModel.findContent(taskId, HISTORY_LIMIT);
    if (!task) throw new TaskNotFoundError();
    // Group membership matters only for a task a group holds: skip the lookup otherwise.
    const workGroupIds = task.assigneeKind === 'work_group' ? await this.workGroups.groupIdsOf(accountId) : [];
    const access = contentAccess(task, { accountId, workGroupIds });
    if (access === 'pickup_required') throw new PickupRequiredError();
    if (access !== 'full') throw new TaskNotFoundError();
    if (task.openedBefore === false) await this.firstOpening.execute(accountId, task.id);
    return {
      ...this.views.summary(task),
      definition: await this.forms.definitionText(task.formKey, task.formVersion),
      answers: task.answers,
      prefill: task.prefill,
      attachments: task.attachments.map((a) => this.views.attachment(a)),
      history: task.history,
      notices: noticesFrom(task.history),
    };
  }
}
