import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { FormsModule } from '../forms/forms.module';
import { TasksModule } from '../tasks/tasks.module';
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
import { TaskDeliveryQuery } from './application/task-delivery-query';
import { AdminDeliveriesController } from './http/admin-deliveries.controller';
import { SubmissionsController } from './http/submissions.controller';
import { DeliveryMetrics } from './infrastructure/delivery-metrics';
import { DeliveryWorker } from './infrastructure/delivery.worker';
import { DueDateRemindersJob } from './infrastructure/due-date-reminders.job';
import { HttpCaseSystemGateway } from './infrastructure/http-case-system.gateway';
import { MikroOrmDeliveryRepository, MikroOrmSubmissionRepository } from './infrastructure/mikro-orm-submission.repositories';
import { RetentionJob } from './infrastructure/retention.job';
import { DeliverySchema, SubmissionSchema } from './infrastructure/submission.schemas';
import { SqlReminderLedger } from './infrastructure/sql-reminder-ledger';
import { SqlRetentionQueries } from './infrastructure/sql-retention-queries';
import { TaskContributionFiles } from './infrastructure/task-contribution-files';

/**
 * Submitting contributions: the immutable snapshot and its PDF, the delivery outbox drained to the
 * case system, 30-day retention, and due-date reminders. Uses tasks and forms through their exports.
 */
@Module({
  imports: [MikroOrmModule.forFeature([SubmissionSchema, DeliverySchema]), TasksModule, FormsModule],
  controllers: [SubmissionsController, AdminDeliveriesController],
  providers: [
    { provide: SubmissionRepository, useClass: MikroOrmSubmissionRepository },
    { provide: DeliveryRepository, useClass: MikroOrmDeliveryRepository },
    { provide: ContributionFiles, useClass: TaskContributionFiles },
    { provide: CaseSystemGateway, useClass: HttpCaseSystemGateway },
    { provide: RetentionQueries, useClass: SqlRetentionQueries },
    { provide: ReminderLedger, useClass: SqlReminderLedger },
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
