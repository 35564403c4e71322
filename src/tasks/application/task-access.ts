import { Injectable } from '@nestjs/common';
import { Task } from '../domain/task';
import { TaskNotFoundError } from '../domain/task-errors';
import { FindOptions, TaskRepository, WorkGroupDirectory } from './task.ports';

/** Loads a task for someone who wants its content; the aggregate's rules decide (404 / 403 / yes). */
@Injectable()
export class TaskAccess {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly workGroups: WorkGroupDirectory,
  ) {}

  async loadForContent(accountId: string, taskId: string, options?: FindOptions): Promise<Task> {
    return this.check(accountId, await this.tasks.findById(taskId, options));
  }

  /** Detached and without its draft: see TaskRepository.findForDraftReplacement. */
  async loadForDraftReplacement(accountId: string, taskId: string): Promise<Task> {
    return this.check(accountId, await this.tasks.findForDraftReplacement(taskId));
  }

  private async check(accountId: string, task: Task | null): Promise<Task> {
    if (!task) throw new TaskNotFoundError();
    // Group membership matters only for a task a group holds: skip the lookup otherwise.
    const workGroupIds = task.assigneeKind === 'work_group' ? await this.workGroups.groupIdsOf(accountId) : [];
    task.assertContentVisibleTo({ accountId, workGroupIds });
    return task;
  }
}
