import { Module } from '@nestjs/common';
import { TaskDeliveryQuery } from '../submissions';
import { DeliveryStatus } from './application/delivery-status';
import { FormDefinitionsController } from './http/form-definitions.controller';
import { IntegrationTasksController } from './http/integration-tasks.controller';
import { IntegrationConversationController } from './http/integration-conversation.controller';

/** The case system's inbound API (`/integration/*`, Bearer key): thin controllers over the forms and tasks use cases. */
@Module({
  controllers: [FormDefinitionsController, IntegrationTasksController, IntegrationConversationController],
  // Where a task's submission and delivery stand: answered by the submissions context.
  providers: [{ provide: DeliveryStatus, useExisting: TaskDeliveryQuery }],
})
export class IntegrationModule {}
