import { DomainError } from '../../shared/errors/domain-error';

/** The submitted PDF is kept for 30 days after submission; after that it is gone for good. */
export class SubmissionGoneError extends DomainError {
  constructor() {
    super('gone', 'gone', 'This submitted form is no longer available', {
      detail: 'Submitted forms can be downloaded for 30 days after submission. After that the portal deletes them.',
    });
  }
}

export class DeliveryNotFailedError extends DomainError {
  constructor() {
    super('delivery_not_failed', 'conflict', 'Only a failed delivery can be retried', {
      detail: 'Pending deliveries are retried automatically; delivered ones are done.',
    });
  }
}
