import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, MINUTE_MS } from '../../shared/clock/clock';
import { newId } from '../../shared/ids';
import { MailQueue, QueuedEmail } from '../application/mail-queue';
import { OutboxEmail } from './mail-outbox.schema';

/** Writes to `mail_outbox` through the caller's transaction (an INSERT at once, so it commits with it). */
@Injectable()
export class OrmMailQueue extends MailQueue {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {
    super();
  }

  async enqueue(email: QueuedEmail): Promise<void> {
    const now = this.clock.now();
    // A code that has not gone out within 10 minutes is useless (it has expired): drop it then.
    const dropAfter = email.kind === 'code' ? new Date(now.getTime() + 10 * MINUTE_MS) : null;
    await this.em.insert(OutboxEmail, {
      id: newId(),
      recipient: email.to,
      subject: email.subject,
      bodyText: email.text,
      bodyHtml: email.html,
      kind: email.kind,
      createdAt: now,
      nextAttemptAt: now,
      dropAfter,
      attempts: 0,
      lastError: null,
    });
  }
}
