import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { DeliveryStatus } from '../domain/delivery';
import { DeliveryRepository, SubmissionRepository } from './submission.ports';

export interface TaskDeliveryView {
  submissionId: string | null;
  delivery: { status: DeliveryStatus; attempts: number; receiptId: string | null; lastError: string | null } | null;
}

/** Where a task's submission and its delivery to the case system stand (GET /integration/tasks/{externalRef}). */
@Injectable()
export class TaskDeliveryQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly submissions: SubmissionRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  forTask(taskId: string): Promise<TaskDeliveryView> {
    return this.uow.run(async () => {
      const submission = await this.submissions.findByTaskId(taskId);
      if (!submission) return { submissionId: null, delivery: null };
      const delivery = await this.deliveries.find(submission.id);
      return {
        submissionId: submission.id,
        delivery: delivery
          ? { status: delivery.status, attempts: delivery.attempts, receiptId: delivery.receiptId, lastError: delivery.lastError }
          : null,
      };
    });
  }
}
