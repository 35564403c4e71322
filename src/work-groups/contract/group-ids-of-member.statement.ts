import { AccountStatements } from '../../identity';

/**
 * The groups an account is an active member of (listed, account not disabled), one `?` for the
 * account: what `groupIdsOf` answers. Published (work-groups/index.ts; a contract of this context,
 * not an adapter) as the work-groups query that tasks' list read model embeds in its own statement,
 * so a group list is one round trip per page, not two (SqlTaskReadModel; BENCHMARKS.md). Whether the
 * account can act is identity's to say: its published join (`AccountStatements.joinActive`).
 */
export const GROUP_IDS_OF_MEMBER = `SELECT m.work_group_id FROM work_group_members m ${AccountStatements.joinActive('a', 'm.account_id')}
   WHERE m.account_id = ?`;
