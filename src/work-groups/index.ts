/**
 * The work-groups context's public entry: its use cases and read queries. `GROUP_IDS_OF_MEMBER` is
 * the membership query in statement form, for the measured list read model that embeds it.
 */
export { AdministerWorkGroups } from './application/administer-work-groups';
export { WorkGroupQueries } from './application/work-group-queries';
export type { ActiveMember, GroupWithMembers } from './application/work-group-queries';
export { GROUP_IDS_OF_MEMBER } from './contract/group-ids-of-member.statement';
export { WorkGroupTaskUsage } from './application/work-group.ports';
