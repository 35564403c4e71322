import { Injectable } from '@nestjs/common';
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

/**
 * Whether a group still holds tasks. Tasks are the tasks context's, which builds on work groups (it
 * imports them, never the other way round): so tasks give the answer here when they start
 * (TasksModule), and this context never reads their table.
 */
@Injectable()
export class WorkGroupTaskUsage {
  private answer?: (groupId: string) => Promise<boolean>;

  answerFrom(answer: (groupId: string) => Promise<boolean>): void {
    this.answer = answer;
  }

  holdsTasks(groupId: string): Promise<boolean> {
    // No answer must not read as "holds none": a group still holding tasks would be deleted.
    if (!this.answer) throw new Error('Nothing answers whether a work group holds tasks (the tasks context registers it)');
    return this.answer(groupId);
  }
}

export interface MemberAccount {
  firstName: string;
  lastName: string;
  disabled: boolean;
}

/** Accounts as this context needs them (answered by the identity context, which owns them). */
export abstract class MemberAccounts {
  abstract findIdByEmail(email: string): Promise<string | null>;
  /** The accounts among `ids` that exist, by id. */
  abstract describe(ids: string[]): Promise<Map<string, MemberAccount>>;
}
