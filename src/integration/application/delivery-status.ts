export interface DeliveryStatusView {
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  receiptId: string | null;
  lastError: string | null;
}

export interface TaskDelivery {
  submissionId: string | null;
  delivery: DeliveryStatusView | null;
}

/** Where a task's submission and its delivery to the case system stand (answered by the submissions context). */
export abstract class DeliveryStatus {
  abstract forTask(taskId: string): Promise<TaskDelivery>;
}
