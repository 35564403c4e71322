import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Sql } from '../../shared/database/sql';
import { WorkGroup } from '../domain/work-group';
import {
  MemberAccounts,
  MembershipRepository,
  MemberView,
  WorkGroupRef,
  WorkGroupRepository,
  WorkGroupTaskUsage,
} from '../application/work-group.ports';

/**
 * The groups an account is an active member of (listed, account not disabled), one `?` for the
 * account: what `groupIdsOf` answers, and what a task list embeds to find its groups in its own
 * statement (tasks' SqlTaskReadModel).
 */
export const GROUP_IDS_OF_MEMBER = `SELECT m.work_group_id FROM work_group_members m JOIN accounts a ON a.id = m.account_id
   WHERE m.account_id = ? AND NOT a.disabled`;

@Injectable()
export class MikroOrmWorkGroupRepository extends WorkGroupRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  findById(id: string): Promise<WorkGroup | null> {
    return this.em.findOne(WorkGroup, { id });
  }

  findByKey(key: string): Promise<WorkGroup | null> {
    return this.em.findOne(WorkGroup, { key });
  }

  findByIds(ids: string[]): Promise<WorkGroup[]> {
    return ids.length ? this.em.find(WorkGroup, { id: { $in: ids } }) : Promise.resolve([]);
  }

  list(limit: number, afterKey?: string): Promise<WorkGroup[]> {
    return this.em.find(WorkGroup, afterKey ? { key: { $gt: afterKey } } : {}, { orderBy: { key: 'asc' }, limit });
  }

  add(group: WorkGroup): void {
    this.em.persist(group);
  }

  remove(group: WorkGroup): void {
    this.em.remove(group);
  }

  async flush(): Promise<void> {
    await this.em.flush();
  }
}

interface MemberRow {
  work_group_id: string;
  email: string;
  account_id: string | null;
  first_name: string | null;
  last_name: string | null;
  disabled: boolean | null;
}

/**
 * Membership is a plain table: reads join the accounts table for names and the active flag (a read
 * model across contexts, by id only; identity still owns accounts).
 */
@Injectable()
export class SqlMembershipRepository extends MembershipRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly sql: Sql,
  ) {
    super();
  }

  async add(groupId: string, email: string, accountId: string | null, at: Date): Promise<boolean> {
    const rows = await this.em.execute<{ email: string }[]>(
      `INSERT INTO work_group_members (work_group_id, email, account_id, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (work_group_id, email) DO NOTHING RETURNING email`,
      [groupId, email, accountId, at],
    );
    return rows.length > 0;
  }

  async remove(groupId: string, accountId: string): Promise<boolean> {
    const rows = await this.em.execute<{ email: string }[]>(
      'DELETE FROM work_group_members WHERE work_group_id = ? AND account_id = ? RETURNING email',
      [groupId, accountId],
    );
    return rows.length > 0;
  }

  async removePending(groupId: string, email: string): Promise<boolean> {
    const rows = await this.em.execute<{ email: string }[]>(
      'DELETE FROM work_group_members WHERE work_group_id = ? AND email = ? AND account_id IS NULL RETURNING email',
      [groupId, email],
    );
    return rows.length > 0;
  }

  async members(groupIds: string[]): Promise<Map<string, MemberView[]>> {
    const result = new Map<string, MemberView[]>();
    if (!groupIds.length) return result;
    const rows = await this.em.execute<MemberRow[]>(
      `SELECT m.work_group_id, m.email, m.account_id, a.first_name, a.last_name, a.disabled
       FROM work_group_members m LEFT JOIN accounts a ON a.id = m.account_id
       WHERE m.work_group_id IN (${groupIds.map(() => '?').join(', ')})
       ORDER BY a.last_name NULLS LAST, a.first_name, m.email`,
      groupIds,
    );
    for (const row of rows) {
      const list = result.get(row.work_group_id) ?? [];
      list.push({
        accountId: row.account_id,
        name: row.first_name ? `${row.first_name} ${row.last_name}` : null,
        email: row.email,
        active: row.account_id !== null && row.disabled === false,
      });
      result.set(row.work_group_id, list);
    }
    return result;
  }

  async groupIdsOf(accountId: string): Promise<string[]> {
    const rows = await this.sql.query<{ work_group_id: string }>(GROUP_IDS_OF_MEMBER, [accountId]);
    return rows.map((r) => r.work_group_id);
  }

  groupsOf(accountId: string): Promise<WorkGroupRef[]> {
    return this.sql.query<WorkGroupRef>(`SELECT g.id, g.key, g.name FROM work_groups g WHERE g.id IN (${GROUP_IDS_OF_MEMBER})`, [accountId]);
  }

  async isListed(groupId: string, accountId: string): Promise<boolean> {
    const rows = await this.em.execute<{ one: number }[]>(
      'SELECT 1 AS one FROM work_group_members WHERE work_group_id = ? AND account_id = ? LIMIT 1',
      [groupId, accountId],
    );
    return rows.length > 0;
  }

  async attachPending(email: string, accountId: string): Promise<void> {
    await this.em.execute('UPDATE work_group_members SET account_id = ? WHERE email = ? AND account_id IS NULL', [accountId, email]);
  }

  async followEmailChange(accountId: string, newEmail: string): Promise<void> {
    // A pending row for the new address (added before the change) merges into the existing membership.
    await this.em.execute(
      `DELETE FROM work_group_members p WHERE p.email = ? AND p.account_id IS NULL
       AND EXISTS (SELECT 1 FROM work_group_members m WHERE m.account_id = ? AND m.work_group_id = p.work_group_id)`,
      [newEmail, accountId],
    );
    await this.em.execute('UPDATE work_group_members SET account_id = ? WHERE email = ? AND account_id IS NULL', [accountId, newEmail]);
    await this.em.execute('UPDATE work_group_members SET email = ? WHERE account_id = ?', [newEmail, accountId]);
  }
}

@Injectable()
export class SqlMemberAccounts extends MemberAccounts {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async findIdByEmail(email: string): Promise<string | null> {
    const rows = await this.em.execute<{ id: string }[]>('SELECT id FROM accounts WHERE email = ?', [email]);
    return rows[0]?.id ?? null;
  }
}

/** Reads the tasks table by group id only (the tasks context owns it; this asks one yes/no question). */
@Injectable()
export class SqlWorkGroupTaskUsage extends WorkGroupTaskUsage {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async holdsTasks(groupId: string): Promise<boolean> {
    const rows = await this.em.execute<{ one: number }[]>(
      "SELECT 1 AS one FROM tasks WHERE holder_work_group_id = ? AND status IN ('open', 'in_progress') LIMIT 1",
      [groupId],
    );
    return rows.length > 0;
  }
}
