export type AuditAction =
  | 'task.delegated' | 'task.saved' | 'task.picked_up' | 'task.reassigned' | 'task.submitted'
  | 'task.withdrawn' | 'task.delivered'
  | 'task.declined' | 'task.message_sent' | 'task.reply_received' | 'task.changed'
  | 'task.review_requested' | 'task.review_returned'
  | 'account.registered' | 'account.login' | 'account.login_failed' | 'account.locked'
  | 'account.password_reset' | 'account.updated' | 'account.disabled'
  | 'work_group.created' | 'work_group.updated' | 'work_group.deleted'
  | 'work_group.member_added' | 'work_group.member_removed'
  | 'integration.key_rejected';

export type AuditActor = { type: 'account'; id: string } | { type: 'integration' } | { type: 'system' };

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  taskId?: string;
  accountId?: string;
  workGroupId?: string;
  /** Assignment or state before/after: small descriptive objects, never answers. */
  from?: unknown;
  to?: unknown;
}

export interface AuditRecord {
  id: string;
  at: string;
  actor: { type: AuditActor['type']; id?: string };
  action: AuditAction;
  taskId?: string;
  accountId?: string;
  workGroupId?: string;
  from?: unknown;
  to?: unknown;
}

/**
 * The port use cases write the audit trail through (the adapter is `AuditTrail`, in `audit_log`).
 * An entry is written in the caller's transaction: it records only what happened.
 */
export abstract class AuditLog {
  abstract record(entry: AuditEntry): Promise<void>;
}
