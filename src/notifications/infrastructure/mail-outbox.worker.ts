import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../shared/clock/clock';
import { PollingWorker } from '../../shared/workers/polling-worker';
import { EmailKind } from '../domain/email-templates';
import { MailTransport } from '../application/mail-queue';

interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  body_text: string;
  kind: EmailKind;
  drop_after: Date | null;
  attempts: number;
}

/** How long a claimed email is reserved for the instance sending it. */
const LEASE_MS = 60_000;
/** Retries stay frequent so mail goes out within seconds of the server returning. */
const MAX_RETRY_MS = 2_000;

/**
 * Drains `mail_outbox`. Rows are claimed with a short transaction (`FOR UPDATE SKIP LOCKED` plus a
 * lease), sent outside it, then deleted: mail bodies are not kept once sent. An instance that dies
 * mid-send leaves the lease to expire and another sends it (at-least-once).
 */
@Injectable()
export class MailOutboxWorker extends PollingWorker {
  protected readonly logger = new Logger('MailOutbox');

  constructor(
    private readonly em: EntityManager,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(Math.min(config.workerPollMs, 1000), config.workersEnabled, 20);
  }

  protected async tick(batchSize: number): Promise<number> {
    const em = this.em.fork();
    const now = this.clock.now();
    const rows = await em.execute<OutboxRow[]>(
      `UPDATE mail_outbox SET next_attempt_at = ?, attempts = attempts + 1
       WHERE id IN (SELECT id FROM mail_outbox WHERE next_attempt_at <= ? ORDER BY next_attempt_at
                    LIMIT ? FOR UPDATE SKIP LOCKED)
       RETURNING id, recipient, subject, body_text, kind, drop_after, attempts`,
      [new Date(now.getTime() + LEASE_MS), now, batchSize],
    );
    for (const row of rows) {
      if (row.drop_after && new Date(row.drop_after) < this.clock.now()) {
        this.logger.warn(`dropped an expired ${row.kind} email after ${row.attempts - 1} attempts`);
        await em.execute('DELETE FROM mail_outbox WHERE id = ?', [row.id]);
        continue;
      }
      try {
        await this.transport.send(this.config.mailFrom, {
          to: row.recipient,
          subject: row.subject,
          text: row.body_text,
          kind: row.kind,
        });
        await em.execute('DELETE FROM mail_outbox WHERE id = ?', [row.id]);
        this.logger.log(`sent "${row.subject}"`);
      } catch (error) {
        const retryMs = Math.min(MAX_RETRY_MS, 250 * 2 ** Math.min(row.attempts, 10));
        await em.execute('UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?', [
          new Date(this.clock.now().getTime() + retryMs),
          String((error as Error).message).slice(0, 500),
          row.id,
        ]);
        this.logger.warn(`mail server refused or unreachable (${(error as Error).message}); will retry`);
      }
    }
    return rows.length;
  }

  /** Queue depth, for `/metrics`. */
  async backlog(): Promise<number> {
    const [row] = await this.em.fork().execute<{ n: string }[]>('SELECT count(*) AS n FROM mail_outbox');
    return Number(row.n);
  }
}
