import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { ReminderKind, ReminderLedger, ReminderToSend } from '../application/submission.ports';

/** Days before the due date from which "due soon" is sent. */
export const DUE_SOON_DAYS = 3;

const WINDOWS: Record<ReminderKind, { column: string; where: string }> = {
  // From 3 days before the due date up to the day itself. A task delegated inside that window got its
  // due date in the delegation email a moment ago: no "due soon" for it.
  dueSoon: {
    column: 'due_soon_reminded_at',
    where: `due_date >= CAST(? AS date) AND due_date <= CAST(? AS date) + ${DUE_SOON_DAYS}
            AND (delegated_at AT TIME ZONE ?)::date < due_date - ${DUE_SOON_DAYS}`,
  },
  overdue: { column: 'overdue_reminded_at', where: 'due_date < CAST(? AS date)' },
};

interface Row {
  id: string;
  due_date: string;
  recipients: string[] | null;
}

/**
 * Marks and returns the tasks due a reminder in one statement (rows another transaction holds are
 * skipped, and taken by the next run). Recipients come from the same statement: the assignee's
 * account (not when disabled), an unregistered assignee's address, or for a group its notification
 * address, else its active members. Reads identity's and work groups' tables, as list reads do.
 */
@Injectable()
export class SqlReminderLedger extends ReminderLedger {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async claim(kind: ReminderKind, today: string, now: Date, limit: number): Promise<ReminderToSend[]> {
    const { column, where } = WINDOWS[kind];
    const windowParams = kind === 'dueSoon' ? [today, today, this.config.portalTimezone] : [today];
    const rows = await this.em.execute<Row[]>(
      `WITH due AS (
         SELECT id FROM tasks
          WHERE status IN ('open', 'in_progress') AND ${column} IS NULL AND ${where}
          ORDER BY due_date, id LIMIT ? FOR UPDATE SKIP LOCKED
       ), marked AS (
         UPDATE tasks t SET ${column} = ? FROM due WHERE t.id = due.id
         RETURNING t.id, t.due_date, t.assignee_kind, t.assignee_account_id, t.assignee_email, t.holder_work_group_id
       )
       SELECT m.id, to_char(m.due_date, 'YYYY-MM-DD') AS due_date,
              CASE m.assignee_kind
                WHEN 'account' THEN (SELECT ARRAY[a.email] FROM accounts a WHERE a.id = m.assignee_account_id AND NOT a.disabled)
                WHEN 'email' THEN ARRAY[m.assignee_email]
                WHEN 'work_group' THEN COALESCE(
                  (SELECT ARRAY[g.notification_email] FROM work_groups g WHERE g.id = m.holder_work_group_id AND g.notification_email IS NOT NULL),
                  (SELECT array_agg(a.email ORDER BY a.email) FROM work_group_members wm JOIN accounts a ON a.id = wm.account_id
                    WHERE wm.work_group_id = m.holder_work_group_id AND NOT a.disabled))
              END AS recipients
         FROM marked m
        ORDER BY m.due_date, m.id`,
      [...windowParams, limit, now],
    );
    return rows.map((r) => ({ taskId: r.id, dueDate: r.due_date, recipients: r.recipients ?? [] }));
  }
}
