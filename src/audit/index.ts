/**
 * The audit context's public entry. Use cases write through the `AuditLog` port; the admin route
 * reads it. `AuditTrail`'s statement builders are published for the measured hot paths that fold an
 * entry or a task's history into one statement of their own (BENCHMARKS.md).
 */
export { AuditLog } from './audit-log';
export type { AuditAction, AuditActor, AuditEntry, AuditRecord } from './audit-log';
export { AuditTrail, auditRecordOf, taskHistorySubquery } from './audit-trail';
export type { AuditRow } from './audit-trail';
