import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { FormCatalogue } from '../../forms';
import { Notifier } from '../../notifications';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import {
  checkDelegationRequest,
  checkPrefill,
  delegationRequestHash,
  DelegationRequest,
  normaliseAssigneeEmail,
} from '../domain/delegation';
import { groupRecipients } from '../domain/group-recipients';
import { Assignee, Task } from '../domain/task';
import { AssigneeDisabledError, ExternalRefConflictError, UnknownFormError, UnknownWorkGroupError } from '../domain/task-errors';
import { AccountDirectory, TaskRepository, WorkGroupDirectory } from './task.ports';

export interface DelegationOutcome {
  /** false when the same request was made before: the same task, and no second email. */
  created: boolean;
  taskId: string;
}

interface ResolvedAssignee {
  assignee: Assignee;
  /** Set for a registered person, for the audit trail. */
  accountId?: string;
  notify: (notifier: Notifier, dueDate: string) => Promise<void>;
}

/**
 * The case system delegates a form to a person (by email, registered or not) or a work group.
 * Idempotent on externalRef: the same body again returns the same task; a different body is a conflict.
 */
@Injectable()
export class DelegateTask {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tasks: TaskRepository,
    private readonly forms: FormCatalogue,
    private readonly accounts: AccountDirectory,
    private readonly workGroups: WorkGroupDirectory,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(request: DelegationRequest): Promise<DelegationOutcome> {
    checkDelegationRequest(request);
    const requestHash = delegationRequestHash(request);
    return this.uow.run(async () => {
      await this.tasks.lockExternalRef(request.externalRef);
      const existing = await this.tasks.load({ externalRef: request.externalRef }, 'read');
      if (existing) {
        if (existing.isWithdrawn())
          throw new ExternalRefConflictError(
            'The task with this externalRef was withdrawn. Delegate again with a new externalRef.',
          );
        if (!existing.isRepeatOf(requestHash)) throw new ExternalRefConflictError();
        return { created: false, taskId: existing.id };
      }

      const form = await this.forms.find(request.form.key, request.form.version);
      if (!form) throw new UnknownFormError(request.form.key, request.form.version);
      const prefill = checkPrefill(form.definition, request.prefill ?? {});
      const resolved = await this.resolveAssignee(request.assignee);
      const now = this.clock.now();
      const task = Task.delegate({
        id: newId(),
        externalRef: request.externalRef,
        requestHash,
        form: { key: form.key, version: form.version, title: form.title },
        subject: { reference: request.subject.reference.trim(), displayName: request.subject.displayName.trim() },
        prefill,
        assignee: resolved.assignee,
        dueDate: request.dueDate,
        message: request.message?.trim() ? request.message.trim() : null,
        now,
      });
      this.tasks.add(task);
      await this.tasks.flush();
      await this.audit.record({
        actor: { type: 'integration' },
        action: 'task.delegated',
        taskId: task.id,
        accountId: resolved.accountId,
        workGroupId: task.workGroupId ?? undefined,
        to: describe(resolved.assignee),
      });
      await resolved.notify(this.notifier, task.dueDate);
      return { created: true, taskId: task.id };
    });
  }

  private async resolveAssignee(target: DelegationRequest['assignee']): Promise<ResolvedAssignee> {
    if ('workGroupKey' in target) {
      const group = await this.workGroups.findByKey(target.workGroupKey);
      if (!group) throw new UnknownWorkGroupError(target.workGroupKey);
      const recipients = groupRecipients(group);
      return {
        assignee: { kind: 'work_group', workGroupId: group.id },
        notify: async (notifier, dueDate) => {
          for (const email of recipients) await notifier.send(email, 'taskDelegatedToGroup', group.name, dueDate);
        },
      };
    }
    const email = normaliseAssigneeEmail(target.email);
    await this.tasks.lockAssigneeEmail(email);
    const account = await this.accounts.findByEmail(email);
    if (account?.disabled) throw new AssigneeDisabledError();
    const notify = async (notifier: Notifier, dueDate: string) =>
      notifier.sendIn(account?.language ?? 'en', account?.email ?? email, 'taskDelegatedToPerson', dueDate);
    // Nobody registered with this address yet: the task waits for them (AttachWaitingTasks).
    if (!account) return { assignee: { kind: 'email', email }, notify };
    return { assignee: { kind: 'account', accountId: account.id }, accountId: account.id, notify };
  }
}

function describe(assignee: Assignee): Record<string, string> {
  switch (assignee.kind) {
    case 'account':
      return { type: 'account', accountId: assignee.accountId };
    case 'work_group':
      return { type: 'work_group', workGroupId: assignee.workGroupId };
    case 'email':
      return { type: 'email', email: assignee.email };
  }
}
