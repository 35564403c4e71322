import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { TaskNotFoundError } from '../domain/task-errors';
import { TaskMessages } from './task-messages.port';
import { AttachmentRepository, FileStorage, TaskRepository } from './task.ports';

/**
 * The case system takes a task back: it leaves every list (404 to everyone), and its answers,
 * prefill, files and message thread are purged in the same transaction. Not after submission. The reason is not
 * kept: it may describe the child, and nobody in the portal needs it.
 */
@Injectable()
export class WithdrawTask {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tasks: TaskRepository,
    private readonly attachments: AttachmentRepository,
    private readonly files: FileStorage,
    private readonly messages: TaskMessages,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(externalRef: string): Promise<void> {
    await this.uow.run(async () => {
      const task = await this.tasks.load({ externalRef: externalRef }, 'change');
      if (!task) throw new TaskNotFoundError();
      const before = task.status;
      if (!task.withdraw(this.clock.now())) return;
      const removed = await this.attachments.removeAllForTask(task.id);
      await this.files.delete(removed.map((a) => a.fileId));
      await this.messages.deleteForTask(task.id);
      await this.audit.record({
        actor: { type: 'integration' },
        action: 'task.withdrawn',
        taskId: task.id,
        from: { status: before },
        to: { status: task.status },
      });
    });
  }
}
