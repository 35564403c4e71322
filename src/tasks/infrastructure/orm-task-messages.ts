import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { TaskMessage, TaskMessages } from '../application/task-messages.port';
import { TaskMessageSchema } from './task.schemas';

/** A task's thread through the ORM: written at once in the caller's transaction, never tracked. */
@Injectable()
export class OrmTaskMessages extends TaskMessages {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async add(message: TaskMessage): Promise<void> {
    await this.em.insert(TaskMessageSchema, { ...message });
  }

  async listForTask(taskId: string, limit: number): Promise<TaskMessage[]> {
    const found = await this.em.find(TaskMessageSchema, { taskId }, { orderBy: { id: 'asc' }, limit, disableIdentityMap: true });
    return found.map(({ id, taskId, direction, authorAccountId, authorName, body, sentAt }) => ({
      id,
      taskId,
      direction,
      authorAccountId,
      authorName,
      body,
      sentAt,
    }));
  }

  deleteForTask(taskId: string): Promise<number> {
    return this.em.nativeDelete(TaskMessageSchema, { taskId });
  }
}
