import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { NotFoundError } from '../../shared/errors/domain-error';
import { isUuid, newId } from '../../shared/ids';
import { normaliseMemberEmail, WorkGroup, WorkGroupDetails } from '../domain/work-group';
import { WorkGroupExistsError, WorkGroupInUseError } from '../domain/work-group-errors';
import { MemberAccounts, MembershipRepository, WorkGroupRepository, WorkGroupTaskUsage } from './work-group.ports';
import { workGroupView, WorkGroupView } from './work-group-views';

export interface CreateWorkGroupInput {
  key: string;
  name: string;
  organisation: string;
  notificationEmail?: string | null;
}

/** The council's administration of work groups and their membership (role `admin`). */
@Injectable()
export class AdministerWorkGroups {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly groups: WorkGroupRepository,
    private readonly members: MembershipRepository,
    private readonly accounts: MemberAccounts,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly usage: WorkGroupTaskUsage,
  ) {}

  async list(limit: number, afterKey?: string): Promise<{ items: WorkGroupView[]; lastKey: string | null; full: boolean }> {
    return this.uow.run(async () => {
      const page = await this.groups.list(limit, afterKey);
      const members = await this.members.members(page.map((g) => g.id));
      return {
        items: page.map((g) => workGroupView(g, members.get(g.id) ?? [])),
        lastKey: page.at(-1)?.key ?? null,
        full: page.length === limit,
      };
    });
  }

  async get(id: string): Promise<WorkGroupView> {
    return this.uow.run(async () => {
      const group = await this.mustFind(id);
      return workGroupView(group, (await this.members.members([id])).get(id) ?? []);
    });
  }

  async create(actorId: string, input: CreateWorkGroupInput): Promise<WorkGroupView> {
    return this.uow.run(async () => {
      const now = this.clock.now();
      const group = WorkGroup.create(newId(), input.key, this.details(input), now);
      if (await this.groups.findByKey(group.key)) throw new WorkGroupExistsError();
      this.groups.add(group);
      await this.groups.flush();
      await this.audit.record({ actor: { type: 'account', id: actorId }, action: 'work_group.created', workGroupId: group.id, to: { key: group.key, name: group.name } });
      return workGroupView(group, []);
    });
  }

  async update(actorId: string, id: string, changes: Partial<WorkGroupDetails>): Promise<WorkGroupView> {
    return this.uow.run(async () => {
      const group = await this.mustFind(id);
      const before = { name: group.name, organisation: group.organisation, notificationEmail: group.notificationEmail };
      group.update(changes, this.clock.now());
      await this.audit.record({
        actor: { type: 'account', id: actorId },
        action: 'work_group.updated',
        workGroupId: id,
        from: before,
        to: { name: group.name, organisation: group.organisation, notificationEmail: group.notificationEmail },
      });
      return workGroupView(group, (await this.members.members([id])).get(id) ?? []);
    });
  }

  async delete(actorId: string, id: string): Promise<void> {
    await this.uow.run(async () => {
      const group = await this.mustFind(id);
      if (await this.usage.holdsTasks(id)) throw new WorkGroupInUseError();
      this.groups.remove(group);
      await this.audit.record({ actor: { type: 'account', id: actorId }, action: 'work_group.deleted', workGroupId: id, from: { key: group.key, name: group.name } });
    });
  }

  async addMember(actorId: string, id: string, rawEmail: string): Promise<void> {
    const email = normaliseMemberEmail(rawEmail);
    await this.uow.run(async () => {
      await this.mustFind(id);
      const accountId = await this.accounts.findIdByEmail(email);
      const added = await this.members.add(id, email, accountId, this.clock.now());
      if (added) {
        await this.audit.record({
          actor: { type: 'account', id: actorId },
          action: 'work_group.member_added',
          workGroupId: id,
          accountId: accountId ?? undefined,
          to: accountId ? { accountId } : { pendingRegistration: true },
        });
      }
    });
  }

  /** `member` is an account id, or the email of someone who has not registered yet. */
  async removeMember(actorId: string, id: string, member: string): Promise<void> {
    await this.uow.run(async () => {
      await this.mustFind(id);
      const removed = isUuid(member)
        ? await this.members.remove(id, member)
        : await this.members.removePending(id, member.trim().toLowerCase());
      if (!removed) throw new NotFoundError('That person is not a member of this work group.');
      await this.audit.record({
        actor: { type: 'account', id: actorId },
        action: 'work_group.member_removed',
        workGroupId: id,
        accountId: isUuid(member) ? member : undefined,
      });
    });
  }

  private async mustFind(id: string): Promise<WorkGroup> {
    const group = isUuid(id) ? await this.groups.findById(id) : null;
    if (!group) throw new NotFoundError();
    return group;
  }

  private details(input: CreateWorkGroupInput): WorkGroupDetails {
    return { name: input.name, organisation: input.organisation, notificationEmail: input.notificationEmail ?? null };
  }
}
