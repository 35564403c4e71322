import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { CaseSystemOutbox } from '../../case-system-outbox';
import { FormCatalogue } from '../../forms';
import { Notifier } from '../../notifications';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { isUuid } from '../../shared/ids';
import { plainText } from '../domain/conversation';
import { InvalidReviewerError, TaskNotFoundError } from '../domain/task-errors';
import { accountActor } from './event-actor';
import { TaskAccess } from './task-access';
import { TaskView, TaskViews } from './task-views';
import { AccountDirectory, TaskReadModel, WorkGroupDirectory } from './task.ports';

export const MAX_REVIEW_NOTE = 1000;

/**
 * Review before submit (the user guide's "pass the completed form to a manager to review"): the
 * holder sends a complete form to a colleague in the group the task came through; the reviewer
 * holds it and either returns it with a comment or submits it themselves (the ordinary submit).
 * History and audit record both steps and who took them; the case system hears of each move.
 */
@Injectable()
export class ReviewTask {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: TaskAccess,
    private readonly forms: FormCatalogue,
    private readonly accounts: AccountDirectory,
    private readonly workGroups: WorkGroupDirectory,
    private readonly readModel: TaskReadModel,
    private readonly views: TaskViews,
    private readonly notifier: Notifier,
    private readonly outbox: CaseSystemOutbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async request(accountId: string, taskId: string, input: { reviewerAccountId: string; note?: string; version: number }): Promise<TaskView> {
    const note = input.note === undefined ? null : plainText(input.note, 'note', MAX_REVIEW_NOTE) || null;
    await this.uow.run(async () => {
      const task = await this.access.load(accountId, taskId, 'change');
      if (!task.workGroupId) throw new InvalidReviewerError('Only a form that came through a work group can be sent for review.');
      const reviewer = isUuid(input.reviewerAccountId) ? await this.accounts.findById(input.reviewerAccountId) : null;
      if (!reviewer || reviewer.disabled || reviewer.id === accountId || !(await this.workGroups.isMember(task.workGroupId, reviewer.id))) {
        throw new InvalidReviewerError();
      }
      const me = await this.accounts.findById(accountId);
      const form = await this.forms.get(task.formKey, task.formVersion);
      task.requestReview(form.definition, { accountId, name: me?.name ?? '' }, reviewer.id, note, input.version, this.clock.now());
      await this.audit.record({
        actor: { type: 'account', id: accountId },
        action: 'task.review_requested',
        taskId: task.id,
        accountId: reviewer.id,
        workGroupId: task.workGroupId,
        from: { type: 'account', accountId },
        to: { type: 'account', accountId: reviewer.id },
      });
      await this.outbox.taskEvent({
        taskId: task.id,
        externalRef: task.externalRef,
        type: 'reassigned',
        actor: await accountActor(this.accounts, accountId),
        details: { to: { type: 'account', accountId: reviewer.id, email: reviewer.email }, forReview: true },
      });
      await this.notifier.send(reviewer.email, 'reviewRequested', me?.name ?? 'A colleague', task.dueDate);
    });
    return this.view(taskId);
  }

  async giveBack(accountId: string, taskId: string, input: { comment: string; version?: number }): Promise<TaskView> {
    const comment = plainText(input.comment, 'comment', MAX_REVIEW_NOTE);
    await this.uow.run(async () => {
      const task = await this.access.load(accountId, taskId, 'change');
      const me = await this.accounts.findById(accountId);
      const requesterId = task.returnFromReview({ accountId, name: me?.name ?? '' }, comment, input.version, this.clock.now());
      await this.audit.record({
        actor: { type: 'account', id: accountId },
        action: 'task.review_returned',
        taskId: task.id,
        accountId: requesterId,
        workGroupId: task.workGroupId ?? undefined,
        from: { type: 'account', accountId },
        to: { type: 'account', accountId: requesterId },
      });
      const requester = await this.accounts.findById(requesterId);
      await this.outbox.taskEvent({
        taskId: task.id,
        externalRef: task.externalRef,
        type: 'reassigned',
        actor: await accountActor(this.accounts, accountId),
        details: { to: { type: 'account', accountId: requesterId, email: requester?.email ?? null }, returnedFromReview: true },
      });
      if (requester && !requester.disabled) await this.notifier.send(requester.email, 'reviewReturned', me?.name ?? 'Your colleague', task.dueDate);
    });
    return this.view(taskId);
  }

  private async view(taskId: string): Promise<TaskView> {
    const record = await this.uow.run(() => this.readModel.findById(taskId));
    if (!record) throw new TaskNotFoundError();
    return this.views.summary(record);
  }
}
