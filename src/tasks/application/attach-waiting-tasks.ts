import { Injectable } from '@nestjs/common';
import { Clock } from '../../shared/clock/clock';
import { TaskRepository } from './task.ports';

/**
 * Tasks delegated to an address before anyone registered with it follow the account that now has
 * that address. Runs inside the publisher's transaction (registration, or an email change by the
 * helpdesk), so the tasks move exactly when the account comes to exist.
 */
@Injectable()
export class AttachWaitingTasks {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, email: string): Promise<number> {
    await this.tasks.lockAssigneeEmail(email);
    const waiting = await this.tasks.loadWaitingForEmail(email);
    const now = this.clock.now();
    for (const task of waiting) task.attachToAccount(accountId, now);
    if (waiting.length) await this.tasks.flush();
    return waiting.length;
  }
}
