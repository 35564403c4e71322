import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { CaseSystemOutbox } from '../../case-system-outbox';
import { accountActor } from './event-actor';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { TaskNotFoundError } from '../domain/task-errors';
import { TaskView, TaskViews } from './task-views';
import { AccountDirectory, TaskReadModel, TaskRepository, WorkGroupDirectory } from './task.ports';

/**
 * A member takes a task their work group holds. The row is locked for the check and the change, so
 * of any number of simultaneous pickups (on any number of instances) exactly one wins; the others
 * then find a person holding it: 409 already_picked_up.
 */
@Injectable()
export class PickupTask {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tasks: TaskRepository,
    private readonly readModel: TaskReadModel,
    private readonly workGroups: WorkGroupDirectory,
    private readonly audit: AuditLog,
    private readonly views: TaskViews,
    private readonly clock: Clock,
    private readonly outbox: CaseSystemOutbox,
    private readonly accounts: AccountDirectory,
  ) {}

  async execute(accountId: string, taskId: string): Promise<TaskView> {
    const workGroupIds = await this.workGroups.groupIdsOf(accountId);
    await this.uow.run(async () => {
      const task = await this.tasks.load({ id: taskId }, 'change');
      if (!task) throw new TaskNotFoundError();
      const group = task.holderWorkGroupId;
      task.pickUp({ accountId, workGroupIds }, this.clock.now());
      await this.tasks.flush();
      await this.audit.record({
        actor: { type: 'account', id: accountId },
        action: 'task.picked_up',
        taskId: task.id,
        accountId,
        workGroupId: group ?? undefined,
        from: { type: 'work_group', workGroupId: group },
        to: { type: 'account', accountId },
      });
      await this.outbox.taskEvent({
        taskId: task.id,
        externalRef: task.externalRef,
        type: 'picked_up',
        actor: await accountActor(this.accounts, accountId),
      });
    });
    const record = await this.uow.run(() => this.readModel.findById(taskId));
    if (!record) throw new TaskNotFoundError();
    return this.views.summary(record);
  }
}
