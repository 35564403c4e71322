import { Injectable } from '@nestjs/common';
import { CaseSystemOutbox } from '../../case-system-outbox';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { accountActor } from './event-actor';
import { TaskEventFacts } from './task-events.port';
import { AccountDirectory } from './task.ports';

/**
 * The first time a holder opens a task's page, the case system is told ("opened"), once per task.
 * The page read stays a read: this runs only while the task has never been opened.
 */
@Injectable()
export class RecordFirstOpening {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly facts: TaskEventFacts,
    private readonly accounts: AccountDirectory,
    private readonly outbox: CaseSystemOutbox,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, taskId: string): Promise<void> {
    await this.uow.run(async () => {
      const marked = await this.facts.markFirstOpened(taskId, this.clock.now());
      if (!marked) return;
      await this.outbox.taskEvent({
        taskId,
        externalRef: marked.externalRef,
        type: 'opened',
        actor: await accountActor(this.accounts, accountId),
      });
    });
  }
}
