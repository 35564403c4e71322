import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { Notifier } from '../../notifications';
import { CaseSystemOutbox } from '../../case-system-outbox';
import { accountActor } from './event-actor';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { isUuid } from '../../shared/ids';
import { groupRecipients } from '../domain/group-recipients';
import { Assignee, contentAccess, ReassignmentAuthority, Task } from '../domain/task';
import { InvalidTargetError, TaskNotFoundError } from '../domain/task-errors';
import { ColleagueTaskView, colleagueView, TaskView, TaskViews } from './task-views';
import { AccountDirectory, DelegationGroup, TaskReadModel, TaskRepository, WorkGroupDirectory } from './task.ports';

export interface ReassignActor {
  accountId: string;
  name: string;
  isAdmin: boolean;
}

export type ReassignTarget = { accountId: string } | { workGroupId: string };

/**
 * Passes a task on: to myself, to a member of one of my groups, or to one of my groups (admins: to
 * any work group or active account). Draft answers and files travel with it. The new holder is
 * told; so is the previous one when someone else moved their task; nobody is emailed about their
 * own move.
 *
 * Admins move tasks but never see their content (API.md), so a move must not give them content: under
 * admin authority their own account is a valid target only when they could hold the task as a
 * professional, i.e. they belong to the group the task came through or is held by; such a move is
 * audited with `authority: "admin"` and `self: true`. The answer is what the caller may see of the
 * task after the move: the summary for its holder, a member of the group holding it, or an admin; the
 * colleague's metadata for anyone else (a no-op move must not reveal the child's name or the note).
 */
@Injectable()
export class ReassignTask {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tasks: TaskRepository,
    private readonly readModel: TaskReadModel,
    private readonly accounts: AccountDirectory,
    private readonly workGroups: WorkGroupDirectory,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly views: TaskViews,
    private readonly clock: Clock,
    private readonly outbox: CaseSystemOutbox,
  ) {}

  async execute(actor: ReassignActor, taskId: string, target: ReassignTarget, version?: number): Promise<TaskView | ColleagueTaskView> {
    const actorGroups = await this.workGroups.groupIdsOf(actor.accountId);
    let authority: ReassignmentAuthority | null = null;
    await this.uow.run(async () => {
      const task = await this.tasks.load({ id: taskId }, 'change');
      if (!task) throw new TaskNotFoundError();
      const holderStillInGroup =
        task.assigneeKind === 'account' && task.workGroupId !== null
          ? await this.workGroups.isMember(task.workGroupId, task.assigneeAccountId!)
          : false;
      authority = task.reassignmentAuthority({ accountId: actor.accountId, workGroupIds: actorGroups, isAdmin: actor.isAdmin }, holderStillInGroup);
      if (!authority) throw new TaskNotFoundError();

      const destination = await this.resolveTarget(actor, actorGroups, target);
      const toSelf = destination.assignee.kind === 'account' && destination.assignee.accountId === actor.accountId;
      if (authority === 'admin' && toSelf && !this.couldHoldAsProfessional(task, actorGroups)) {
        throw new InvalidTargetError('An admin cannot take a task for their own account unless they belong to its work group.');
      }
      const previous = task.assignee();
      const moved = task.reassign(destination.assignee, version, this.clock.now());
      if (!moved) return;
      await this.tasks.flush();
      await this.audit.record({
        actor: { type: 'account', id: actor.accountId },
        action: 'task.reassigned',
        taskId: task.id,
        accountId: destination.assignee.kind === 'account' ? destination.assignee.accountId : undefined,
        workGroupId: task.workGroupId ?? undefined,
        from: describe(previous),
        to: authority === 'admin' ? { ...describe(destination.assignee), authority: 'admin', self: toSelf } : describe(destination.assignee),
      });
      await this.outbox.taskEvent({
        taskId: task.id,
        externalRef: task.externalRef,
        type: 'reassigned',
        actor: await accountActor(this.accounts, actor.accountId),
        details: {
          to:
            destination.assignee.kind === 'work_group'
              ? { type: 'work_group', workGroupKey: destination.group?.key ?? null, name: destination.group?.name ?? null }
              : { type: 'account', accountId: destination.assignee.kind === 'account' ? destination.assignee.accountId : null, email: destination.email ?? null },
        },
      });
      await this.notify(actor, task, previous, destination);
    });
    const record = await this.uow.run(() => this.readModel.findById(taskId));
    if (!record) throw new TaskNotFoundError();
    const view = this.views.summary(record);
    const access = contentAccess(record, { accountId: actor.accountId, workGroupIds: actorGroups });
    return access !== 'none' || actor.isAdmin ? view : colleagueView(view);
  }

  /** A member of the group the task came through or is held by could hold it as a professional. */
  private couldHoldAsProfessional(task: Task, actorGroups: string[]): boolean {
    return [task.workGroupId, task.holderWorkGroupId].some((g) => g !== null && actorGroups.includes(g));
  }

  private async resolveTarget(
    actor: ReassignActor,
    actorGroups: string[],
    target: ReassignTarget,
  ): Promise<{ assignee: Assignee; email?: string; group?: DelegationGroup }> {
    if ('workGroupId' in target) {
      const allowed = actor.isAdmin || actorGroups.includes(target.workGroupId);
      const group = allowed && isUuid(target.workGroupId) ? await this.workGroups.findById(target.workGroupId) : null;
      if (!group) throw new InvalidTargetError();
      return { assignee: { kind: 'work_group', workGroupId: group.id }, group };
    }
    const account = isUuid(target.accountId) ? await this.accounts.findById(target.accountId) : null;
    if (!account || account.disabled) throw new InvalidTargetError('Choose someone with an active account.');
    if (!actor.isAdmin && account.id !== actor.accountId) {
      const theirs = new Set(await this.workGroups.groupIdsOf(account.id));
      if (!actorGroups.some((g) => theirs.has(g))) throw new InvalidTargetError();
    }
    return { assignee: { kind: 'account', accountId: account.id }, email: account.email };
  }

  private async notify(
    actor: ReassignActor,
    task: Task,
    previous: Assignee,
    destination: { assignee: Assignee; email?: string; group?: DelegationGroup },
  ): Promise<void> {
    const to = destination.assignee;
    if (to.kind === 'account' && to.accountId !== actor.accountId && destination.email) {
      await this.notifier.send(destination.email, 'reassignedToPerson', actor.name, task.dueDate);
    }
    if (to.kind === 'work_group' && destination.group) {
      for (const email of groupRecipients(destination.group, actor.accountId)) {
        await this.notifier.send(email, 'reassignedToGroup', actor.name, destination.group.name, task.dueDate);
      }
    }
    if (previous.kind === 'account' && previous.accountId !== actor.accountId) {
      const holder = await this.accounts.findById(previous.accountId);
      if (holder && !holder.disabled) await this.notifier.send(holder.email, 'reassignedFromYou', actor.name);
    }
  }
}

function describe(assignee: Assignee): Record<string, string> {
  switch (assignee.kind) {
    case 'account':
      return { type: 'account', accountId: assignee.accountId };
    case 'work_group':
      return { type: 'work_group', workGroupId: assignee.workGroupId };
    case 'email':
      return { type: 'email' };
  }
}
