/**
 * The submissions context's public entry: the delivery query the integration API answers with, and
 * the ports it asks the tasks context to implement (a task's contribution, and where its files live).
 */
export { TaskDeliveryQuery } from './application/task-delivery-query';
export { ContributionFiles } from './application/submission.ports';
export { TaskContributions } from './application/task-contributions';
export type { ContributedFile, SubmittedContribution, TaskContribution } from './application/task-contributions';
