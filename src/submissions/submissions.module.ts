import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { TaskContributionsForSubmissions, TaskFilesForSubmissions, TaskUpkeepForSubmissions } from '../tasks';
import { AdministerDeliveries } from './application/administer-deliveries';
import { DeliverContribution } from './application/deliver-contribution';
import { DownloadTaskPdf } from './application/download-task-pdf';
import { PurgeExpiredContent } from './application/purge-expired-content';
import { SendDueDateReminders } from './application/send-due-date-reminders';
import { SubmitContribution } from './application/submit-contribution';
import {
  CaseSystemGateway,
  ContributionFiles,
  DeliveryRepository,
  ReminderLedger,
  RetentionQueries,
  SubmissionRepository,
} from './application/submission.ports';
import { TaskContributions } from './application/task-contributions';
import { TaskDeliveryQuery } from './application/task-delivery-query';
import { AdminDeliveriesController } from './http/admin-deliveries.controller';
import { SubmissionsController } from './http/submissions.controller';
import { DeliveryMetrics } from './infrastructure/delivery-metrics';
import { DeliveryWorker } from './infrastructure/delivery.worker';
import { DueDateRemindersJob } from './infrastructure/due-date-reminders.job';
import { HttpCaseSystemGateway } from './infrastructure/http-case-system.gateway';
import { PostgresDeliveryRepository, PostgresSubmissionRepository } from './infrastructure/mikro-orm-submission.repositories';
import { RetentionJob } from './infrastructure/retention.job';
import { DeliverySchema, SubmissionSchema } from './infrastructure/submission.schemas';

/**
 * Submitting contributions: the immutable snapshot and its PDF, the delivery outbox drained to the
 * case system, 30-day retention, and due-date reminders. Uses tasks and forms through their exports.
 *
 * Global, like every context module: contexts inject what another context exports without importing
 * its module file (which would reach that context's controllers and adapters); AppModule and the CLI's
 * OperationsModule, the composition roots, import each module once. Contexts meet through index.ts.
 */
@Global()
@Module({
  imports: [MikroOrmModule.forFeature([SubmissionSchema, DeliverySchema])],
  controllers: [SubmissionsController, AdminDeliveriesController],
  providers: [
    { provide: SubmissionRepository, useClass: PostgresSubmissionRepository },
    { provide: DeliveryRepository, useClass: PostgresDeliveryRepository },
    // Ports the tasks context implements (and exports): a task's contribution and its files.
    // (factories, not useExisting, so the compiler checks that tasks' classes fit the ports)
    {
      provide: TaskContributions,
      inject: [TaskContributionsForSubmissions],
      useFactory: (tasks: TaskContributionsForSubmissions): TaskContributions => tasks,
    },
    { provide: ContributionFiles, inject: [TaskFilesForSubmissions], useFactory: (files: TaskFilesForSubmissions): ContributionFiles => files },
    { provide: CaseSystemGateway, useClass: HttpCaseSystemGateway },
    // The reminder and clean-up jobs read and mark the tasks table through tasks, its owner.
    { provide: RetentionQueries, inject: [TaskUpkeepForSubmissions], useFactory: (tasks: TaskUpkeepForSubmissions): RetentionQueries => tasks },
    { provide: ReminderLedger, inject: [TaskUpkeepForSubmissions], useFactory: (tasks: TaskUpkeepForSubmissions): ReminderLedger => tasks },
    SubmitContribution,
    DownloadTaskPdf,
    DeliverContribution,
    AdministerDeliveries,
    TaskDeliveryQuery,
    PurgeExpiredContent,
    SendDueDateReminders,
    DeliveryWorker,
    RetentionJob,
    DueDateRemindersJob,
    DeliveryMetrics,
  ],
  exports: [TaskDeliveryQuery],
})
export class SubmissionsModule {}
