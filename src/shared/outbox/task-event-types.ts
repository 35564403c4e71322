/**
 * The task status events the case system can be told about (POST {CASE_SYSTEM_URL}/task-events).
 * In the kernel because configuration validates the deployment's choice of them at boot.
 */
export const TASK_EVENT_TYPES = ['opened', 'picked_up', 'reassigned', 'declined', 'submitted', 'overdue'] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];
