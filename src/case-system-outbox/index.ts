/**
 * The case-system outbox's public entry: `CaseSystemOutbox`, through which the tasks and submissions
 * contexts tell the case system about a task (status events, professionals' messages).
 */
export { CaseSystemOutbox } from './application/case-system-outbox';
export type { EventActor, OutboundMessageInput, TaskEventInput } from './application/case-system-outbox';
