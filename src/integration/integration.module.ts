import { Module } from '@nestjs/common';
import { FormsModule } from '../forms/forms.module';
import { TasksModule } from '../tasks/tasks.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { TaskDeliveryQuery } from '../submissions/application/task-delivery-query';
import { DeliveryStatus } from './application/delivery-status';
import { FormDefinitionsController } from './http/form-definitions.controller';
import { IntegrationTasksController } from './http/integration-tasks.controller';

/** The case system's inbound API (`/integration/*`, Bearer key): thin controllers over the forms and tasks use cases. */
@Module({
  imports: [FormsModule, TasksModule, SubmissionsModule],
  controllers: [FormDefinitionsController, IntegrationTasksController],
  // Where a task's submission and delivery stand: answered by the submissions context.
  providers: [{ provide: DeliveryStatus, useExisting: TaskDeliveryQuery }],
})
export class IntegrationModule {}
