import { Injectable } from '@nestjs/common';
import { FormCatalogue } from '../../forms';
import { Clock } from '../../shared/clock/clock';
import { VersionConflictError } from '../../shared/errors/domain-error';
import { TaskAccess } from './task-access';
import { TaskRepository } from './task.ports';

export interface SavedDraft {
  version: number;
  savedAt: string;
  status: string;
}

/**
 * Replaces the draft's whole answer set (PUT /tasks/{id}/answers). Optimistic: the task is read
 * without a lock (and without its old draft), the aggregate decides, and the write, with its audit
 * entry, is one statement that applies only if the task is still at the version read. If anything
 * changed it meanwhile, the decision is taken again on what is there now (which then answers the
 * conflict, the submission or the withdrawal precisely). Versions never race: one of two saves of
 * the same version wins, the other gets version_conflict.
 */
@Injectable()
export class SaveAnswers {
  constructor(
    private readonly access: TaskAccess,
    private readonly tasks: TaskRepository,
    private readonly forms: FormCatalogue,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, taskId: string, input: { version: number; answers: unknown }): Promise<SavedDraft> {
    for (let attempt = 1; ; attempt++) {
      const task = await this.access.load(accountId, taskId, 'replaceDraft');
      const form = await this.forms.get(task.formKey, task.formVersion);
      const now = this.clock.now();
      const before = { status: task.status, version: task.version };
      task.saveAnswers(form.definition, input.answers, input.version, now);
      const saved = await this.tasks.saveDraft(task, before.version, {
        actor: { type: 'account', id: accountId },
        action: 'task.saved',
        taskId: task.id,
        from: before,
        to: { status: task.status, version: task.version },
      });
      if (saved) return { version: task.version, savedAt: now.toISOString(), status: task.status };
      // Changed since it was read: the version the client sent is stale now (unless only
      // attachments moved, which leave the version alone and so never get here).
      if (attempt === MAX_ATTEMPTS) throw new VersionConflictError();
    }
  }
}

/** A second read decides for good in practice; the bound only stops a pathological loop. */
const MAX_ATTEMPTS = 3;
