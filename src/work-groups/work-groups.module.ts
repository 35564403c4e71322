import { Global, Module, OnModuleInit } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DomainEvents } from '../shared/events/domain-events';
import { AccountEmailChanged, AccountRegistered, AccountWorkGroups } from '../identity';
import { AdministerWorkGroups } from './application/administer-work-groups';
import { MemberAccounts, MembershipRepository, WorkGroupRepository, WorkGroupTaskUsage } from './application/work-group.ports';
import { WorkGroupQueries } from './application/work-group-queries';
import { AdminWorkGroupsController } from './http/admin-work-groups.controller';
import { WorkGroupsController } from './http/work-groups.controller';
import {
  MikroOrmWorkGroupRepository,
  PostgresMembershipRepository,
} from './infrastructure/mikro-orm-work-group.repositories';
import { IdentityMemberAccounts } from './infrastructure/identity-member-accounts';
import { WorkGroupMemberSchema } from './infrastructure/work-group-member.schema';
import { WorkGroupSchema } from './infrastructure/work-group.schema';

/**
 * Global so that identity (an account's groups) and tasks (delegation to a group, pickup,
 * re-assign) can ask about groups without importing this module.
 */
@Global()
@Module({
  imports: [MikroOrmModule.forFeature([WorkGroupSchema, WorkGroupMemberSchema])],
  controllers: [AdminWorkGroupsController, WorkGroupsController],
  providers: [
    { provide: WorkGroupRepository, useClass: MikroOrmWorkGroupRepository },
    { provide: MembershipRepository, useClass: PostgresMembershipRepository },
    { provide: MemberAccounts, useClass: IdentityMemberAccounts },
    WorkGroupTaskUsage,
    WorkGroupQueries,
    { provide: AccountWorkGroups, useExisting: WorkGroupQueries },
    AdministerWorkGroups,
  ],
  exports: [WorkGroupQueries, AccountWorkGroups, AdministerWorkGroups, WorkGroupTaskUsage],
})
export class WorkGroupsModule implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly memberships: MembershipRepository,
  ) {}

  onModuleInit(): void {
    // Someone added by email before they registered becomes a member when they do.
    this.events.on<AccountRegistered>('account.registered', (e) => this.memberships.attachPending(e.email, e.accountId));
    this.events.on<AccountEmailChanged>('account.email_changed', (e) => this.memberships.followEmailChange(e.accountId, e.newEmail));
  }
}
