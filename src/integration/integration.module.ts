import { Module } from '@nestjs/common';
import { FormsModule } from '../forms/forms.module';
import { TasksModule } from '../tasks/tasks.module';
import { DeliveryStatus, NothingDeliveredYet } from './application/delivery-status';
import { FormDefinitionsController } from './http/form-definitions.controller';
import { IntegrationTasksController } from './http/integration-tasks.controller';

/** The case system's inbound API (`/integration/*`, Bearer key): thin controllers over the forms and tasks use cases. */
@Module({
  imports: [FormsModule, TasksModule],
  controllers: [FormDefinitionsController, IntegrationTasksController],
  // The submissions context (issue 5) replaces this binding with its delivery status query.
  providers: [{ provide: DeliveryStatus, useClass: NothingDeliveredYet }],
})
export class IntegrationModule {}
