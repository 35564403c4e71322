import { Global, Module, OnModuleInit } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DomainEvents } from '../shared/events/domain-events';
import { AccountWorkGroups } from '../identity/application/identity.ports';
import { AdministerWorkGroups } from './application/administer-work-groups';
import { MemberAccounts, MembershipRepository, WorkGroupRepository, WorkGroupTaskUsage } from './application/work-group.ports';
import { WorkGroupQueries } from './application/work-group-queries';
import { AdminWorkGroupsController } from './http/admin-work-groups.controller';
import { WorkGroupsController } from './http/work-groups.controller';
import {
  MikroOrmWorkGroupRepository,
  SqlMemberAccounts,
  SqlMembershipRepository,
  SqlWorkGroupTaskUsage,
} from './infrastructure/mikro-orm-work-group.repositories';
import { WorkGroupSchema } from './infrastructure/work-group.schema';

/**
 * Global so that identity (an account's groups) and tasks (delegation to a group, pickup,
 * re-assign) can ask about groups without importing this module.
 */
@Global()
@Module({
  imports: [MikroOrmModule.forFeature([WorkGroupSchema])],
  controllers: [AdminWorkGroupsController, WorkGroupsController],
  providers: [
    { provide: WorkGroupRepository, useClass: MikroOrmWorkGroupRepository },
    { provide: MembershipRepository, useClass: SqlMembershipRepository },
    { provide: MemberAccounts, useClass: SqlMemberAccounts },
    { provide: WorkGroupTaskUsage, useClass: SqlWorkGroupTaskUsage },
    WorkGroupQueries,
    { provide: AccountWorkGroups, useExisting: WorkGroupQueries },
    AdministerWorkGroups,
  ],
  exports: [WorkGroupQueries, AccountWorkGroups, AdministerWorkGroups],
})
export class WorkGroupsModule implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly memberships: MembershipRepository,
  ) {}

  onModuleInit(): void {
    // Someone added by email before they registered becomes a member when they do.
    this.events.on('account.registered', (e) => this.memberships.attachPending(e.email, e.accountId));
    this.events.on('account.email_changed', (e) => this.memberships.followEmailChange(e.accountId, e.newEmail));
  }
}
