import { EntitySchema } from '@mikro-orm/core';
import { EmailKind } from '../application/emails';

/** A row of `mail_outbox`: an email rendered in the use case's transaction, waiting to be sent. */
export class OutboxEmail {
  id!: string;
  recipient!: string;
  subject!: string;
  bodyText!: string;
  /** The HTML alternative; null for rows queued before it existed (sent as plain text). */
  bodyHtml: string | null = null;
  kind!: EmailKind;
  createdAt!: Date;
  nextAttemptAt!: Date;
  dropAfter: Date | null = null;
  /** Set while an instance is sending it (the lease); null while it waits for its next attempt. */
  claimedUntil: Date | null = null;
  attempts = 0;
  lastError: string | null = null;
}

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;

export const OutboxEmailSchema = new EntitySchema<OutboxEmail>({
  class: OutboxEmail,
  tableName: 'mail_outbox',
  properties: {
    id: { type: 'uuid', primary: true },
    recipient: { type: 'string', columnType: 'text' },
    subject: { type: 'string', columnType: 'text' },
    bodyText: { type: 'string', columnType: 'text' },
    bodyHtml: { type: 'string', columnType: 'text', nullable: true },
    kind: { type: 'string', columnType: 'text' },
    createdAt: timestamp,
    nextAttemptAt: timestamp,
    dropAfter: { ...timestamp, nullable: true },
    claimedUntil: { ...timestamp, nullable: true },
    attempts: { type: 'integer' },
    lastError: { type: 'string', columnType: 'text', nullable: true },
  },
});
