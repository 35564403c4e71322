import type { Answers } from '../../../libs/form-schema/src';

/** A file attached to a task, as a submission names it (the bytes stay where tasks keep them). */
export interface ContributedFile {
  fileId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** What submissions need of a task: what it is about, its answers and files, where it stands. */
export interface TaskContribution {
  id: string;
  externalRef: string;
  formKey: string;
  formVersion: number;
  subjectReference: string;
  subjectDisplayName: string | null;
  answers: Answers;
  prefill: Record<string, unknown>;
  status: string;
  version: number;
  attachments: ContributedFile[];
}

export interface SubmittedContribution {
  contribution: TaskContribution;
  before: { status: string; version: number };
}

/**
 * The port submissions read a task's contribution through; the tasks context implements it
 * (`TaskContributionsForSubmissions`), so the task's own rules decide who may see it and when it can
 * be submitted, and submissions never holds the Task aggregate nor its repositories.
 */
export abstract class TaskContributions {
  /** The task's content for someone who wants it (404 / 403 by tasks' rules). */
  abstract read(accountId: string, taskId: string): Promise<TaskContribution>;
  /**
   * Locks the task until commit and submits it by tasks' rules (the assignee, once, at `version`,
   * the whole form complete against its published definition): what was submitted, and where the task stood before.
   */
  abstract submit(accountId: string, taskId: string, version: number, now: Date): Promise<SubmittedContribution>;
  /**
   * Forgets a submitted or withdrawn task's content and removes its attachments (locked until
   * commit). `onlyIfWithdrawn`: leaves any other task alone and answers null. The removed files' ids.
   */
  abstract forget(taskId: string, now: Date, options?: { onlyIfWithdrawn?: boolean }): Promise<string[] | null>;
}
