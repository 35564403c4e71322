import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-trail';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { TaskNotFoundError } from '../domain/task-errors';
import { AttachmentRepository, FileStorage, TaskRepository } from './task.ports';

/**
 * The case system takes a task back: it leaves every list (404 to everyone), and its answers,
 * prefill and files are purged in the same transaction. Not after submission. The reason is not
 * kept: it may describe the child, and nobody in the portal needs it.
 */
@Injectable()
export class WithdrawTask {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tasks: TaskRepository,
    private readonly attachments: AttachmentRepository,
    private readonly files: FileStorage,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(externalRef: string): Promise<void> {
    await this.uow.run(async () => {
      const task = await this.tasks.findByExternalRef(externalRef, { forUpdate: true });
      if (!task) throw new TaskNotFoundError();
      const before = task.status;
      if (!task.withdraw(this.clock.now())) return;
      const removed = await this.attachments.removeAllForTask(task.id);
      await this.files.delete(removed.map((a) => a.fileId));
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
