import { Injectable } from '@nestjs/common';
import { holderRecipients } from './holder-recipients';
import { AccountDirectory, ReminderKind, TaskUpkeep, WorkGroupDirectory } from './task.ports';

/** A reminder as the submissions context's `ReminderLedger` port describes it. */
export interface TaskReminder {
  taskId: string;
  externalRef: string;
  dueDate: string;
  recipients: string[];
}

/**
 * Tasks' side of the submissions context's `ReminderLedger` and `RetentionQueries` ports: the
 * reminder and clean-up jobs read and mark the tasks table through tasks (its owner), and whoever is
 * emailed about a task is decided as for every other email about it (`holderRecipients`: the
 * holder's account unless disabled, an unregistered holder's address, a group's notification address,
 * else its active members; accounts and groups asked of identity and work groups). Bound by
 * SubmissionsModule, type-checked there (tasks know nothing of submissions).
 */
@Injectable()
export class TaskUpkeepForSubmissions {
  constructor(
    private readonly upkeep: TaskUpkeep,
    private readonly accounts: AccountDirectory,
    private readonly workGroups: WorkGroupDirectory,
  ) {}

  async claim(kind: ReminderKind, today: string, now: Date, limit: number): Promise<TaskReminder[]> {
    const claimed = await this.upkeep.claimReminders(kind, today, now, limit);
    const reminders: TaskReminder[] = [];
    for (const { taskId, externalRef, dueDate, holder } of claimed) {
      reminders.push({ taskId, externalRef, dueDate, recipients: await holderRecipients(holder, this.accounts, this.workGroups) });
    }
    return reminders;
  }

  withdrawnTasksHoldingContent(limit: number): Promise<string[]> {
    return this.upkeep.withdrawnHoldingContent(limit);
  }
}
