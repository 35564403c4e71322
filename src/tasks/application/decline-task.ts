import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { CaseSystemOutbox } from '../../case-system-outbox';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { declineComment, DeclineReason } from '../domain/conversation';
import { TaskNotFoundError } from '../domain/task-errors';
import { accountActor } from './event-actor';
import { TaskMessages } from './task-messages.port';
import { AccountDirectory, AttachmentRepository, FileStorage, TaskRepository, WorkGroupDirectory } from './task.ports';

export interface DeclineInput {
  reason: DeclineReason;
  comment?: string;
}

/**
 * The professional returns a task to the council with a reason. For the portal it ends as a
 * withdrawal does (gone from every list, draft, files and thread purged in the same transaction);
 * the case system is told through the outbox, with the free text. The audit keeps the reason code
 * only: the free text may describe the child.
 */
@Injectable()
export class DeclineTask {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tasks: TaskRepository,
    private readonly attachments: AttachmentRepository,
    private readonly files: FileStorage,
    private readonly messages: TaskMessages,
    private readonly accounts: AccountDirectory,
    private readonly workGroups: WorkGroupDirectory,
    private readonly outbox: CaseSystemOutbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, taskId: string, input: DeclineInput): Promise<void> {
    const comment = declineComment(input.reason, input.comment);
    const workGroupIds = await this.workGroups.groupIdsOf(accountId);
    await this.uow.run(async () => {
      const task = await this.tasks.load({ id: taskId }, 'change');
      if (!task) throw new TaskNotFoundError();
      const before = { status: task.status, holder: task.assigneeKind };
      const group = task.assigneeKind === 'work_group' ? task.holderWorkGroupId : task.workGroupId;
      task.decline({ accountId, workGroupIds }, this.clock.now());
      await this.tasks.flush();
      const removed = await this.attachments.removeAllForTask(task.id);
      await this.files.delete(removed.map((a) => a.fileId));
      await this.messages.deleteForTask(task.id);
      await this.audit.record({
        actor: { type: 'account', id: accountId },
        action: 'task.declined',
        taskId: task.id,
        accountId,
        workGroupId: group ?? undefined,
        from: before,
        to: { status: task.status, reason: input.reason },
      });
      await this.outbox.taskEvent({
        taskId: task.id,
        externalRef: task.externalRef,
        type: 'declined',
        actor: await accountActor(this.accounts, accountId),
        details: { reason: input.reason, comment },
      });
    });
  }
}
