import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Sql } from '../../shared/database/sql';
import { WorkGroup } from '../domain/work-group';
import { GROUP_IDS_OF_MEMBER } from '../contract/group-ids-of-member.statement';
import { WorkGroupMember } from './work-group-member.schema';
import {
  MemberAccounts,
  MembershipRepository,
  MemberView,
  WorkGroupRef,
  WorkGroupRepository,
} from '../application/work-group.ports';

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

/**
 * Membership through the ORM (a plain table: insert-if-absent, deletes, updates by condition),
 * except the member's groups, which the measured task lists embed as a statement of their own
 * (GROUP_IDS_OF_MEMBER through `Sql`, BENCHMARKS.md "work-group lookups"). Names and the active flag
 * come from identity (MemberAccounts), which owns the accounts.
 */
@Injectable()
export class PostgresMembershipRepository extends MembershipRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly sql: Sql,
    private readonly accounts: MemberAccounts,
  ) {
    super();
  }

  async add(groupId: string, email: string, accountId: string | null, at: Date): Promise<boolean> {
    const result = await this.em
      .createQueryBuilder(WorkGroupMember)
      .insert({ workGroupId: groupId, email, accountId, addedAt: at })
      .onConflict(['workGroupId', 'email'])
      .ignore()
      .execute('run');
    return result.affectedRows > 0;
  }

  async remove(groupId: string, accountId: string): Promise<boolean> {
    return (await this.em.nativeDelete(WorkGroupMember, { workGroupId: groupId, accountId })) > 0;
  }

  async removePending(groupId: string, email: string): Promise<boolean> {
    return (await this.em.nativeDelete(WorkGroupMember, { workGroupId: groupId, email, accountId: null })) > 0;
  }

  async members(groupIds: string[]): Promise<Map<string, MemberView[]>> {
    const result = new Map<string, MemberView[]>();
    if (!groupIds.length) return result;
    const rows = await this.em.find(WorkGroupMember, { workGroupId: { $in: groupIds } }, { disableIdentityMap: true });
    const accounts = await this.accounts.describe(rows.flatMap((r) => (r.accountId ? [r.accountId] : [])));
    const listed = rows.map((row) => ({ row, account: row.accountId ? accounts.get(row.accountId) : undefined }));
    // By surname, then first name (people not registered yet last), then email.
    listed.sort(
      (a, b) =>
        byName(a.account?.lastName, b.account?.lastName) ||
        byName(a.account?.firstName, b.account?.firstName) ||
        byName(a.row.email, b.row.email),
    );
    for (const { row, account } of listed) {
      const list = result.get(row.workGroupId) ?? [];
      list.push({
        accountId: row.accountId,
        name: account ? `${account.firstName} ${account.lastName}` : null,
        email: row.email,
        active: row.accountId !== null && account?.disabled === false,
      });
      result.set(row.workGroupId, list);
    }
    return result;
  }

  async groupIdsOf(accountId: string): Promise<string[]> {
    const rows = await this.sql.query<{ work_group_id: string }>(GROUP_IDS_OF_MEMBER, [accountId]);
    return rows.map((r) => r.work_group_id);
  }

  groupsOf(accountId: string): Promise<WorkGroupRef[]> {
    return this.sql.query<WorkGroupRef>(`SELECT g.id, g.key, g.name FROM work_groups g WHERE g.id IN (${GROUP_IDS_OF_MEMBER})`, [
      accountId,
    ]);
  }

  async isListed(groupId: string, accountId: string): Promise<boolean> {
    return (await this.em.count(WorkGroupMember, { workGroupId: groupId, accountId })) > 0;
  }

  async attachPending(email: string, accountId: string): Promise<void> {
    await this.em.nativeUpdate(WorkGroupMember, { email, accountId: null }, { accountId });
  }

  async followEmailChange(accountId: string, newEmail: string): Promise<void> {
    // A pending row for the new address (added before the change) merges into the existing membership.
    const groupsOfAccount = (
      await this.em.find(WorkGroupMember, { accountId }, { fields: ['workGroupId'], disableIdentityMap: true })
    ).map((m) => m.workGroupId);
    if (groupsOfAccount.length) {
      await this.em.nativeDelete(WorkGroupMember, { email: newEmail, accountId: null, workGroupId: { $in: groupsOfAccount } });
    }
    await this.em.nativeUpdate(WorkGroupMember, { email: newEmail, accountId: null }, { accountId });
    await this.em.nativeUpdate(WorkGroupMember, { accountId }, { email: newEmail });
  }
}

/** Code-point order (as PostgreSQL's C collation); a missing value sorts last. */
function byName(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}
