import { EntitySchema } from '@mikro-orm/core';
import { Delivery } from '../domain/delivery';
import { Submission } from '../domain/submission';

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;
const nullableTimestamp = { ...timestamp, nullable: true } as const;

export const SubmissionSchema = new EntitySchema<Submission>({
  class: Submission,
  tableName: 'submissions',
  properties: {
    id: { type: 'uuid', primary: true },
    taskId: { type: 'uuid' },
    externalRef: { type: 'string', columnType: 'text' },
    formKey: { type: 'string', columnType: 'text' },
    formVersion: { type: 'integer' },
    subject: { type: 'json' },
    answers: { type: 'json', nullable: true },
    attachments: { type: 'json' },
    submittedBy: { type: 'json' },
    submittedAt: timestamp,
    pdfFileId: { type: 'uuid', nullable: true },
    pdfSha256: { type: 'string', columnType: 'text' },
    purgedAt: nullableTimestamp,
  },
});

export const DeliverySchema = new EntitySchema<Delivery>({
  class: Delivery,
  tableName: 'deliveries',
  properties: {
    submissionId: { type: 'uuid', primary: true },
    status: { type: 'string', columnType: 'text' },
    attempts: { type: 'integer' },
    interruptedAttempts: { type: 'integer' },
    nextAttemptAt: timestamp,
    leaseUntil: nullableTimestamp,
    lastError: { type: 'string', columnType: 'text', nullable: true },
    receiptId: { type: 'string', columnType: 'text', nullable: true },
    deliveredAt: nullableTimestamp,
    createdAt: timestamp,
    updatedAt: timestamp,
  },
});
