import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ExclusiveJobRunner } from '../../shared/jobs/exclusive-job-runner';
import { SendDueDateReminders } from '../application/send-due-date-reminders';
import { ReminderKind } from '../application/submission.ports';

/**
 * Due-date reminders, hourly on one instance at a time (advisory lock): the day changes in
 * PORTAL_TIMEZONE, not at UTC midnight, and a missed run is made up by the next. Tests call `run()`.
 */
@Injectable()
export class DueDateRemindersJob {
  constructor(
    private readonly runner: ExclusiveJobRunner,
    private readonly reminders: SendDueDateReminders,
  ) {}

  @Interval('due-date-reminders', 60 * 60_000)
  async scheduled(): Promise<void> {
    await this.run().catch(() => undefined);
  }

  run(): Promise<Record<ReminderKind, number> | undefined> {
    return this.runner.run('due-date-reminders', () => this.reminders.execute());
  }
}
