import { Global, Module, OnModuleInit } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { FileScanConfig, FileStorageConfig } from '../config/config-slices';
import { AccountEmailChanged, AccountRegistered } from '../identity';
import { WorkGroupTaskUsage } from '../work-groups';
import { DomainEvents } from '../shared/events/domain-events';
import { AttachWaitingTasks } from './application/attach-waiting-tasks';
import { DeleteAttachment, DownloadAttachment, UploadAttachment } from './application/attachment-use-cases';
import { DelegateTask } from './application/delegate-task';
import { GetTask } from './application/get-task';
import { ListTasks } from './application/list-tasks';
import { SaveAnswers } from './application/save-answers';
import { TaskAccess } from './application/task-access';
import { TaskQueries } from './application/task-queries';
import { TaskContributionsForSubmissions } from './application/task-contributions-for-submissions';
import { TaskFilesForSubmissions } from './application/task-files-for-submissions';
import { TaskUpkeepForSubmissions } from './application/task-upkeep-for-submissions';
import { OrmTaskUpkeep } from './infrastructure/orm-task-upkeep';
import { TaskViews } from './application/task-views';
import {
  AccountDirectory,
  AttachmentRepository,
  FileStorage,
  TaskReadModel,
  TaskRepository,
  TaskUpkeep,
  VirusScanner,
  WorkGroupDirectory,
} from './application/task.ports';
import { ValidateTask } from './application/validate-task';
import { UploadSlots } from './application/upload-slots';
import { SweepAbandonedUploads } from './application/sweep-abandoned-uploads';
import { AbandonedUploadsSweepJob } from './infrastructure/abandoned-uploads-sweep.job';
import { WithdrawTask } from './application/withdraw-task';
import { AttachmentsController } from './http/attachments.controller';
import { TasksController } from './http/tasks.controller';
import { TaskMovesController } from './http/task-moves.controller';
import { AdminTasksController } from './http/admin-tasks.controller';
import { PickupTask } from './application/pickup-task';
import { ReassignTask } from './application/reassign-task';
import { DeclineTask } from './application/decline-task';
import { TaskConversation } from './application/task-conversation';
import { TaskMessages } from './application/task-messages.port';
import { TaskConversationController } from './http/task-conversation.controller';
import { TaskReviewController } from './http/task-review.controller';
import { ReviewTask } from './application/review-task';
import { OrmTaskMessages } from './infrastructure/orm-task-messages';
import { ChangeTask } from './application/change-task';
import { RecordFirstOpening } from './application/record-first-opening';
import { TaskEventFacts } from './application/task-events.port';
import { PostgresTaskEventFacts } from './infrastructure/postgres-task-event-facts';
import { ClamavVirusScanner } from './infrastructure/clamav-virus-scanner';
import { IdentityAccountDirectory } from './infrastructure/identity-account-directory';
import { MikroOrmAttachmentRepository, PostgresTaskRepository } from './infrastructure/mikro-orm-task.repositories';
import { NoOpVirusScanner } from './infrastructure/no-op-virus-scanner';
import { PostgresFileStorage } from './infrastructure/postgres-file-storage';
import { S3FileStorage } from './infrastructure/s3-file-storage';
import { SqlTaskReadModel } from './infrastructure/sql-task-read-model';
import { WorkGroupsDirectory } from './infrastructure/work-groups-directory';
import { taskSchemas } from './infrastructure/task.schemas';

/*
 * Global, like every context module: contexts inject what another context exports without importing
 * its module file (which would reach that context's controllers and adapters); AppModule and the CLI's
 * OperationsModule, the composition roots, import each module once. Contexts meet through index.ts.
 */
@Global()
@Module({
  imports: [MikroOrmModule.forFeature(taskSchemas)],
  controllers: [TasksController, AttachmentsController, TaskMovesController, AdminTasksController, TaskConversationController, TaskReviewController],
  providers: [
    { provide: TaskRepository, useClass: PostgresTaskRepository },
    { provide: AttachmentRepository, useClass: MikroOrmAttachmentRepository },
    { provide: TaskReadModel, useClass: SqlTaskReadModel },
    PostgresFileStorage,
    {
      provide: FileStorage,
      inject: [FileStorageConfig, PostgresFileStorage],
      // PostgreSQL rows unless FILE_STORAGE=s3 (then an S3-compatible bucket).
      useFactory: (config: FileStorageConfig, postgres: PostgresFileStorage) =>
        config.fileStorage === 's3' && config.s3 ? new S3FileStorage(config.s3) : postgres,
    },
    {
      provide: VirusScanner,
      inject: [FileScanConfig],
      useFactory: (config: FileScanConfig) =>
        config.clamavUrl ? new ClamavVirusScanner(config.clamavUrl) : new NoOpVirusScanner(),
    },
    {
      provide: UploadSlots,
      inject: [FileScanConfig],
      useFactory: (config: FileScanConfig) => new UploadSlots(config.uploadsAtOnce, config.uploadsWaiting, config.uploadBytesPerSecond),
    },
    SweepAbandonedUploads,
    AbandonedUploadsSweepJob,
    { provide: AccountDirectory, useClass: IdentityAccountDirectory },
    { provide: WorkGroupDirectory, useClass: WorkGroupsDirectory },
    { provide: TaskMessages, useClass: OrmTaskMessages },
    { provide: TaskEventFacts, useClass: PostgresTaskEventFacts },
    { provide: TaskUpkeep, useClass: OrmTaskUpkeep },
    TaskViews,
    TaskAccess,
    TaskQueries,
    ListTasks,
    GetTask,
    SaveAnswers,
    ValidateTask,
    DelegateTask,
    WithdrawTask,
    UploadAttachment,
    DownloadAttachment,
    DeleteAttachment,
    AttachWaitingTasks,
    PickupTask,
    ReassignTask,
    TaskContributionsForSubmissions,
    TaskFilesForSubmissions,
    TaskUpkeepForSubmissions,
    DeclineTask,
    TaskConversation,
    ChangeTask,
    RecordFirstOpening,
    ReviewTask,
  ],
  // What tasks/index.ts publishes: the integration API's use cases and query, and tasks' side of
  // the submissions context's ports (a task's contribution, its files).
  exports: [
    DelegateTask,
    WithdrawTask,
    TaskConversation,
    ChangeTask,
    TaskQueries,
    TaskContributionsForSubmissions,
    TaskFilesForSubmissions,
    TaskUpkeepForSubmissions,
  ],
})
export class TasksModule implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly attachWaiting: AttachWaitingTasks,
    private readonly groupUsage: WorkGroupTaskUsage,
    private readonly upkeep: TaskUpkeep,
  ) {}

  onModuleInit(): void {
    // Work groups ask before deleting a group; the tasks are ours to count.
    this.groupUsage.answerFrom((groupId) => this.upkeep.groupHoldsActiveTasks(groupId));
    // Handled inside the publisher's transaction: the tasks move exactly when the account exists.
    this.events.on<AccountRegistered>('account.registered', async (event) => {
      await this.attachWaiting.execute(event.accountId, event.email);
    });
    this.events.on<AccountEmailChanged>('account.email_changed', async (event) => {
      await this.attachWaiting.execute(event.accountId, event.newEmail);
    });
  }
}
