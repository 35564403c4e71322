/**
 * The tasks context's public entry: the use cases and read queries the integration API serves, the
 * adapters of the ports the submissions context asks tasks to implement, and the schema of the task
 * view (for the integration API, which serves the same view).
 */
export { DelegateTask } from './application/delegate-task';
export type { DelegationOutcome } from './application/delegate-task';
export { WithdrawTask } from './application/withdraw-task';
export { ChangeTask } from './application/change-task';
export { TaskConversation } from './application/task-conversation';
export type { MessageView } from './application/task-conversation';
export { MessageDto } from './contract/message.dto';
export { TaskQueries } from './application/task-queries';
export type { IntegrationTaskView } from './application/task-queries';
export { TaskContributionsForSubmissions } from './application/task-contributions-for-submissions';
export { TaskFilesForSubmissions } from './application/task-files-for-submissions';
export { TaskUpkeepForSubmissions } from './application/task-upkeep-for-submissions';
export { MAX_FILE_BYTES } from './domain/attachment-policy';
export { TaskDto } from './contract/task-view.dto';
