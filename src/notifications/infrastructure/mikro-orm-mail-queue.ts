import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, MINUTE_MS } from '../../shared/clock/clock';
import { newId } from '../../shared/ids';
import { MailQueue, QueuedEmail } from '../application/mail-queue';

/** Writes to `mail_outbox` through the caller's transaction. */
@Injectable()
export class MikroOrmMailQueue extends MailQueue {
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
    await this.em.execute(
      `INSERT INTO mail_outbox (id, recipient, subject, body_text, kind, created_at, next_attempt_at, drop_after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [newId(), email.to, email.subject, email.text, email.kind, now, now, dropAfter],
    );
  }
}
