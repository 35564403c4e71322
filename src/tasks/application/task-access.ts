import { Injectable } from '@nestjs/common';
import { Task } from '../domain/task';
import { TaskNotFoundError } from '../domain/task-errors';
import { LoadIntent, TaskRepository, WorkGroupDirectory } from './task.ports';

/**
 * Loads a task for someone who wants its content, by the repository's one load (`intent` as there);
 * the aggregate's rules decide (404 / 403 / yes).
 */
@Injectable()
export class TaskAccess {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly workGroups: WorkGroupDirectory,
  ) {}

  async load(accountId: string, taskId: string, intent: LoadIntent = 'read'): Promise<Task> {
    const task = await this.tasks.load({ id: taskId }, intent);
    if (!task) throw new TaskNotFoundError();
    // Group membership matters only for a task a group holds: skip the lookup otherwise.
    const workGroupIds = task.assigneeKind === 'work_group' ? await this.workGroups.groupIdsOf(accountId) : [];
    task.assertContentVisibleTo({ accountId, workGroupIds });
    return task;
  }
}
