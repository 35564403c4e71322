/** One message of a task's thread between its holder and the council's case worker. */
export interface TaskMessage {
  id: string;
  taskId: string;
  direction: 'to_case_worker' | 'from_case_worker';
  /** The professional who wrote it (null for the case worker). */
  authorAccountId: string | null;
  authorName: string;
  body: string;
  sentAt: Date;
}

/** The thread is content about the child: it goes whenever the task's content is purged. */
export abstract class TaskMessages {
  abstract add(message: TaskMessage): Promise<void>;
  /** Oldest first. */
  abstract listForTask(taskId: string, limit: number): Promise<TaskMessage[]>;
  abstract deleteForTask(taskId: string): Promise<number>;
}
