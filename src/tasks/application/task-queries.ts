import { Injectable } from '@nestjs/common';
import { Task } from '../domain/task';
import { TaskAccess } from './task-access';
import { TaskView, TaskViews } from './task-views';
import { TaskReadModel } from './task.ports';

export type IntegrationTaskView = TaskView & { externalRef: string };

/**
 * Reads other contexts may need (integration, submissions, PDF, admin): task views by id or
 * externalRef, and a task loaded for someone who wants its content. Withdrawn tasks do not exist here.
 */
@Injectable()
export class TaskQueries {
  constructor(
    private readonly readModel: TaskReadModel,
    private readonly views: TaskViews,
    private readonly access: TaskAccess,
  ) {}

  async summaryById(taskId: string): Promise<TaskView | null> {
    const record = await this.readModel.findById(taskId);
    return record && record.status !== 'withdrawn' ? this.views.summary(record) : null;
  }

  async summaryByExternalRef(externalRef: string): Promise<IntegrationTaskView | null> {
    const record = await this.readModel.findByExternalRef(externalRef);
    if (!record || record.status === 'withdrawn') return null;
    return { ...this.views.summary(record), externalRef: record.externalRef };
  }

  /** The aggregate, for the individual assignee only (404 / 403 pickup_required otherwise). */
  contentFor(accountId: string, taskId: string): Promise<Task> {
    return this.access.load(accountId, taskId);
  }
}
