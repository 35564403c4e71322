import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { FormCatalogue } from '../../forms';
import { Notifier } from '../../notifications';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { checkChange, describeChange, mergePrefill, TaskChangeRequest } from '../domain/case-system-change';
import { TaskNotFoundError } from '../domain/task-errors';
import { holderRecipients } from './holder-recipients';
import { TaskEventFacts } from './task-events.port';
import { AccountDirectory, TaskRepository, WorkGroupDirectory } from './task.ports';

/**
 * The case system changes a task that is not submitted: its due date, its note, or the prefill of
 * read-only questions. The holder is emailed (what changed, never the new content) and the task page
 * shows a notice from the history entry; reminders follow a new due date. Nothing changes on an
 * identical request (no email, no history).
 */
@Injectable()
export class ChangeTask {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tasks: TaskRepository,
    private readonly forms: FormCatalogue,
    private readonly facts: TaskEventFacts,
    private readonly accounts: AccountDirectory,
    private readonly workGroups: WorkGroupDirectory,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(externalRef: string, request: TaskChangeRequest): Promise<void> {
    checkChange(request);
    await this.uow.run(async () => {
      const task = await this.tasks.load({ externalRef: externalRef }, 'change');
      if (!task) throw new TaskNotFoundError();
      const prefill =
        request.prefill === undefined ? undefined : mergePrefill((await this.forms.get(task.formKey, task.formVersion)).definition, task.prefill, request.prefill);
      const changes = task.applyCaseSystemChange({ dueDate: request.dueDate, message: request.message, prefill }, this.clock.now());
      if (!changes.length) return;
      await this.tasks.flush();
      const dueDate = changes.find((c) => c.field === 'dueDate');
      if (dueDate) await this.facts.resetReminders(task.id);
      await this.audit.record({
        actor: { type: 'integration' },
        action: 'task.changed',
        taskId: task.id,
        // Field names and dates only: a note or prefill may describe the child.
        from: dueDate ? { dueDate: dueDate.from } : undefined,
        to: { fields: changes.map((c) => c.field), ...(dueDate ? { dueDate: dueDate.to } : {}) },
      });
      const sentence = changes.map(describeChange).join(' ');
      for (const email of await holderRecipients(task.assignee(), this.accounts, this.workGroups)) {
        await this.notifier.send(email, 'taskChanged', task.dueDate, sentence);
      }
    });
  }
}
