import { Injectable } from '@nestjs/common';
import { LockMode, raw } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { PortalConfig } from '../../config/config-slices';
import { addDaysToDate } from '../../shared/dates';
import { ClaimedReminder, ReminderKind, TaskUpkeep } from '../application/task.ports';
import { Attachment } from '../domain/attachment';
import { ACTIVE_STATUSES, Task } from '../domain/task';

/** Days before the due date from which "due soon" is sent. */
export const DUE_SOON_DAYS = 3;

const MARK = { dueSoon: 'dueSoonRemindedAt', overdue: 'overdueRemindedAt' } as const;

type ClaimedRow = Pick<Task, 'id' | 'externalRef' | 'dueDate' | 'assigneeKind' | 'assigneeAccountId' | 'assigneeEmail' | 'holderWorkGroupId'>;

/** What other contexts' jobs and checks ask of the tasks table, through the ORM's query builder. */
@Injectable()
export class OrmTaskUpkeep extends TaskUpkeep {
  constructor(
    private readonly em: EntityManager,
    private readonly config: PortalConfig,
  ) {
    super();
  }

  /** The due rows, locked (SKIP LOCKED: another run's are left to it), then marked in the same transaction. */
  async claimReminders(kind: ReminderKind, today: string, now: Date, limit: number): Promise<ClaimedReminder[]> {
    const mark = MARK[kind];
    const qb = this.em
      .createQueryBuilder(Task, 't')
      .select(['id', 'externalRef', 'dueDate', 'assigneeKind', 'assigneeAccountId', 'assigneeEmail', 'holderWorkGroupId'])
      .where({ status: { $in: [...ACTIVE_STATUSES] }, [mark]: null })
      .orderBy({ dueDate: 'asc', id: 'asc' })
      .limit(limit)
      .setLockMode(LockMode.PESSIMISTIC_PARTIAL_WRITE);
    if (kind === 'overdue') {
      qb.andWhere({ dueDate: { $lt: today } });
    } else {
      // From 3 days before the due date up to the day itself. A task delegated inside that window
      // got its due date in the delegation email a moment ago: no "due soon" for it.
      qb.andWhere({ dueDate: { $gte: today, $lte: addDaysToDate(today, DUE_SOON_DAYS) } });
      qb.andWhere(`(t.delegated_at at time zone ?)::date < t.due_date - ${DUE_SOON_DAYS}`, [this.config.portalTimezone]);
    }
    const rows = await qb.execute<ClaimedRow[]>('all');
    if (rows.length) await this.em.nativeUpdate(Task, { id: { $in: rows.map((r) => r.id) } }, { [mark]: now });
    return rows.map((r) => ({ taskId: r.id, externalRef: r.externalRef, dueDate: r.dueDate, holder: holderOf(r) }));
  }

  async withdrawnHoldingContent(limit: number): Promise<string[]> {
    const withFiles = this.em.createQueryBuilder(Attachment, 'a').select('a.taskId');
    const rows = await this.em
      .createQueryBuilder(Task, 't')
      .select('id')
      .where({
        status: 'withdrawn',
        $or: [
          // No ORM operator says "not the empty JSON object": the comparison is written out.
          { [raw(`(t.answers <> '{}'::jsonb)`)]: true },
          { [raw(`(t.prefill <> '{}'::jsonb)`)]: true },
          { message: { $ne: null } },
          { subjectDisplayName: { $ne: null } },
          { id: { $in: withFiles.getKnexQuery() } },
        ],
      })
      .orderBy({ id: 'asc' })
      .limit(limit)
      .execute<{ id: string }[]>('all');
    return rows.map((r) => r.id);
  }

  async groupHoldsActiveTasks(groupId: string): Promise<boolean> {
    const rows = await this.em
      .createQueryBuilder(Task)
      .select('id')
      .where({ holderWorkGroupId: groupId, status: { $in: [...ACTIVE_STATUSES] } })
      .limit(1)
      .execute<{ id: string }[]>('all');
    return rows.length > 0;
  }
}

function holderOf(row: ClaimedRow): ClaimedReminder['holder'] {
  switch (row.assigneeKind) {
    case 'account':
      return { kind: 'account', accountId: row.assigneeAccountId! };
    case 'work_group':
      return { kind: 'work_group', workGroupId: row.holderWorkGroupId! };
    case 'email':
      return { kind: 'email', email: row.assigneeEmail! };
  }
}
