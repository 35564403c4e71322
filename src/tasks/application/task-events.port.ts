/** Task-row facts the status events need, kept out of the aggregate (they are the outbox's business). */
export abstract class TaskEventFacts {
  /**
   * Marks the task as opened by its holder, once: true only for the call that marked it (the row is
   * locked until commit, so the "opened" event is written once and in order).
   */
  abstract markFirstOpened(taskId: string, now: Date): Promise<{ externalRef: string } | null>;
  /** A new due date: the due-soon and overdue reminders (and the overdue event) follow it. */
  abstract resetReminders(taskId: string): Promise<void>;
}
