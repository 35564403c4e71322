import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-trail';
import { FormCatalogue } from '../../forms/application/form-catalogue';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { TaskAccess } from './task-access';
import { TaskRepository } from './task.ports';

export interface SavedDraft {
  version: number;
  savedAt: string;
  status: string;
}

/**
 * Replaces the draft's whole answer set (PUT /tasks/{id}/answers). The row is locked: versions never
 * race. The aggregate decides; the task is read without its old draft and written back in one UPDATE.
 */
@Injectable()
export class SaveAnswers {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: TaskAccess,
    private readonly tasks: TaskRepository,
    private readonly forms: FormCatalogue,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, taskId: string, input: { version: number; answers: unknown }): Promise<SavedDraft> {
    return this.uow.runStatements(async () => {
      const task = await this.access.loadForDraftReplacement(accountId, taskId);
      const form = await this.forms.get(task.formKey, task.formVersion);
      const now = this.clock.now();
      const before = { status: task.status, version: task.version };
      task.saveAnswers(form.definition, input.answers, input.version, now);
      await this.tasks.saveDraft(task);
      await this.audit.record({
        actor: { type: 'account', id: accountId },
        action: 'task.saved',
        taskId: task.id,
        from: before,
        to: { status: task.status, version: task.version },
      });
      return { version: task.version, savedAt: now.toISOString(), status: task.status };
    });
  }
}
