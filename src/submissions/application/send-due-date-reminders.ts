import { Injectable } from '@nestjs/common';
import { PortalConfig } from '../../config/config-slices';
import { Notifier } from '../../notifications';
import { CaseSystemOutbox } from '../../case-system-outbox';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { calendarDate } from '../../shared/dates';
import { ReminderKind, ReminderLedger } from './submission.ports';

const BATCH = 100;

/**
 * "A form is due soon" (from 3 days before the due date) and "A form is overdue" (once, the day after
 * it), by calendar date in PORTAL_TIMEZONE, to whoever holds the task: the individual assignee, or a
 * group's notification address, else its active members. Each task is marked reminded in the same
 * transaction as its emails are queued, so a reminder is never sent twice, and never lost.
 */
@Injectable()
export class SendDueDateReminders {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: ReminderLedger,
    private readonly notifier: Notifier,
    private readonly outbox: CaseSystemOutbox,
    private readonly clock: Clock,
    private readonly config: PortalConfig,
  ) {}

  async execute(): Promise<Record<ReminderKind, number>> {
    const now = this.clock.now();
    const today = calendarDate(now, this.config.portalTimezone);
    const sent: Record<ReminderKind, number> = { overdue: 0, dueSoon: 0 };
    // Overdue first: a task that slipped past its date without a due-soon reminder gets only this one.
    for (const kind of ['overdue', 'dueSoon'] as const) {
      for (;;) {
        const handled = await this.uow.run(async () => {
          const due = await this.ledger.claim(kind, today, now, BATCH);
          for (const reminder of due) {
            for (const to of new Set(reminder.recipients)) await this.notifier.send(to, kind, reminder.dueDate);
            // The ledger holds the task's row lock: the event takes its place in the task's order.
            if (kind === 'overdue') {
              await this.outbox.taskEvent({
                taskId: reminder.taskId,
                externalRef: reminder.externalRef,
                type: 'overdue',
                actor: { type: 'system' },
                details: { dueDate: reminder.dueDate },
              });
            }
          }
          return due.length;
        });
        sent[kind] += handled;
        if (handled < BATCH) break;
      }
    }
    return sent;
  }
}
