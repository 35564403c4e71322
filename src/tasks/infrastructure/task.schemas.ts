import { EntitySchema } from '@mikro-orm/core';
import { Attachment } from '../domain/attachment';
import { Task } from '../domain/task';
import type { TaskMessage } from '../application/task-messages.port';

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;
const nullableTimestamp = { ...timestamp, nullable: true } as const;
const text = { type: 'string', columnType: 'text' } as const;
const nullableText = { ...text, nullable: true } as const;

export const TaskSchema = new EntitySchema<Task>({
  class: Task,
  tableName: 'tasks',
  properties: {
    id: { type: 'uuid', primary: true },
    externalRef: text,
    requestHash: text,
    formKey: text,
    formVersion: { type: 'integer' },
    formTitle: text,
    subjectReference: text,
    subjectDisplayName: nullableText,
    message: nullableText,
    prefill: { type: 'json' },
    answers: { type: 'json' },
    assigneeKind: text,
    assigneeAccountId: { type: 'uuid', nullable: true },
    assigneeEmail: nullableText,
    holderWorkGroupId: { type: 'uuid', nullable: true },
    workGroupId: { type: 'uuid', nullable: true },
    status: text,
    version: { type: 'integer' },
    // A calendar date: the driver hands `date` columns back as text, so no time zone can shift it.
    dueDate: { type: 'string', columnType: 'date' },
    delegatedAt: timestamp,
    updatedAt: timestamp,
    savedAt: nullableTimestamp,
    submittedAt: nullableTimestamp,
    withdrawnAt: nullableTimestamp,
    reviewState: nullableText,
    reviewBy: { type: 'uuid', nullable: true },
    reviewByName: nullableText,
    reviewAt: nullableTimestamp,
    reviewNote: nullableText,
    dueSoonRemindedAt: nullableTimestamp,
    overdueRemindedAt: nullableTimestamp,
  },
});

export const AttachmentSchema = new EntitySchema<Attachment>({
  class: Attachment,
  tableName: 'task_attachments',
  properties: {
    id: { type: 'uuid', primary: true },
    taskId: { type: 'uuid' },
    fileId: { type: 'uuid' },
    filename: text,
    contentType: text,
    size: { type: 'integer' },
    sha256: text,
    uploadedBy: { type: 'uuid', nullable: true },
    uploadedAt: timestamp,
  },
});

/** A task's thread with the case worker: plain records (no aggregate), written and read whole. */
export const TaskMessageSchema = new EntitySchema<TaskMessage>({
  name: 'TaskMessage',
  tableName: 'task_messages',
  properties: {
    id: { type: 'uuid', primary: true },
    taskId: { type: 'uuid' },
    direction: text,
    authorAccountId: { type: 'uuid', nullable: true },
    authorName: text,
    body: text,
    sentAt: timestamp,
  },
});

export const taskSchemas = [TaskSchema, AttachmentSchema, TaskMessageSchema];
