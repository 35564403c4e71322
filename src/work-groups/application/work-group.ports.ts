import { WorkGroup } from '../domain/work-group';

export interface WorkGroupRef {
  id: string;
  key: string;
  name: string;
}

export interface MemberView {
  /** Null while the person has not registered with this email. */
  accountId: string | null;
  name: string | null;
  email: string;
  active: boolean;
}

export abstract class WorkGroupRepository {
  abstract findById(id: string): Promise<WorkGroup | null>;
  abstract findByKey(key: string): Promise<WorkGroup | null>;
  abstract findByIds(ids: string[]): Promise<WorkGroup[]>;
  /** Keyset page ordered by key. */
  abstract list(limit: number, afterKey?: string): Promise<WorkGroup[]>;
  abstract add(group: WorkGroup): void;
  abstract remove(group: WorkGroup): void;
  abstract flush(): Promise<void>;
}

export abstract class MembershipRepository {
  /** Adds (idempotently) a member by email; `accountId` when that email has an account. */
  abstract add(groupId: string, email: string, accountId: string | null, at: Date): Promise<boolean>;
  abstract remove(groupId: string, accountId: string): Promise<boolean>;
  abstract removePending(groupId: string, email: string): Promise<boolean>;
  abstract members(groupIds: string[]): Promise<Map<string, MemberView[]>>;
  abstract groupIdsOf(accountId: string): Promise<string[]>;
  /** The groups `groupIdsOf` names, each with its key and name. */
  abstract groupsOf(accountId: string): Promise<WorkGroupRef[]>;
  /** Whether the group lists this account, disabled or not. */
  abstract isListed(groupId: string, accountId: string): Promise<boolean>;
  abstract attachPending(email: string, accountId: string): Promise<void>;
  abstract followEmailChange(accountId: string, newEmail: string): Promise<void>;
}

/** Whether a group still holds tasks (answered by the tasks context, which owns them). */
export abstract class WorkGroupTaskUsage {
  abstract holdsTasks(groupId: string): Promise<boolean>;
}

/** Accounts as this context needs them (answered by the identity context). */
export abstract class MemberAccounts {
  abstract findIdByEmail(email: string): Promise<string | null>;
}
