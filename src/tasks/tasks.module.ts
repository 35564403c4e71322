import { Module, OnModuleInit } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { FormsModule } from '../forms/forms.module';
import { IdentityModule } from '../identity/identity.module';
import { DomainEvents } from '../shared/events/domain-events';
import { AttachWaitingTasks } from './application/attach-waiting-tasks';
import { DeleteAttachment, DownloadAttachment, UploadAttachment } from './application/attachment-use-cases';
import { DelegateTask } from './application/delegate-task';
import { GetTask } from './application/get-task';
import { ListTasks } from './application/list-tasks';
import { SaveAnswers } from './application/save-answers';
import { TaskAccess } from './application/task-access';
import { TaskQueries } from './application/task-queries';
import { TaskViews } from './application/task-views';
import {
  AccountDirectory,
  AttachmentRepository,
  FileStorage,
  TaskReadModel,
  TaskRepository,
  VirusScanner,
  WorkGroupDirectory,
} from './application/task.ports';
import { ValidateTask } from './application/validate-task';
import { WithdrawTask } from './application/withdraw-task';
import { AttachmentsController } from './http/attachments.controller';
import { TasksController } from './http/tasks.controller';
import { TaskMovesController } from './http/task-moves.controller';
import { AdminTasksController } from './http/admin-tasks.controller';
import { PickupTask } from './application/pickup-task';
import { ReassignTask } from './application/reassign-task';
import { ClamavVirusScanner } from './infrastructure/clamav-virus-scanner';
import { IdentityAccountDirectory } from './infrastructure/identity-account-directory';
import { MikroOrmAttachmentRepository, MikroOrmTaskRepository } from './infrastructure/mikro-orm-task.repositories';
import { NoOpVirusScanner } from './infrastructure/no-op-virus-scanner';
import { PostgresFileStorage } from './infrastructure/postgres-file-storage';
import { SqlTaskReadModel } from './infrastructure/sql-task-read-model';
import { WorkGroupsDirectory } from './infrastructure/work-groups-directory';
import { taskSchemas } from './infrastructure/task.schemas';

@Module({
  imports: [MikroOrmModule.forFeature(taskSchemas), FormsModule, IdentityModule],
  controllers: [TasksController, AttachmentsController, TaskMovesController, AdminTasksController],
  providers: [
    { provide: TaskRepository, useClass: MikroOrmTaskRepository },
    { provide: AttachmentRepository, useClass: MikroOrmAttachmentRepository },
    { provide: TaskReadModel, useClass: SqlTaskReadModel },
    { provide: FileStorage, useClass: PostgresFileStorage },
    {
      provide: VirusScanner,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.clamavUrl ? new ClamavVirusScanner(config.clamavUrl) : new NoOpVirusScanner()),
    },
    { provide: AccountDirectory, useClass: IdentityAccountDirectory },
    { provide: WorkGroupDirectory, useClass: WorkGroupsDirectory },
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
  ],
  // For the submissions context: the aggregate (submit), its files (delivery, retention) and views.
  exports: [DelegateTask, WithdrawTask, TaskQueries, TaskAccess, TaskViews, TaskRepository, AttachmentRepository, FileStorage],
})
export class TasksModule implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly attachWaiting: AttachWaitingTasks,
  ) {}

  onModuleInit(): void {
    // Handled inside the publisher's transaction: the tasks move exactly when the account exists.
    this.events.on('account.registered', async (event) => {
      await this.attachWaiting.execute(event.accountId, event.email);
    });
    this.events.on('account.email_changed', async (event) => {
      await this.attachWaiting.execute(event.accountId, event.newEmail);
    });
  }
}
