import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, raw } from '@mikro-orm/postgresql';
import { MailConfig, WorkerConfig } from '../../config/config-slices';
import { Clock } from '../../shared/clock/clock';
import { PollingWorker } from '../../shared/workers/polling-worker';
import { MailTransport } from '../application/mail-queue';
import { inWorkSpan, markActiveSpanFailed } from '../../shared/tracing/work-span';
import { OutboxEmail } from './mail-outbox.schema';
import { dropSupersededCodes, dueMailIds } from './mail-outbox-claims';

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
    private readonly config: MailConfig,
    workers: WorkerConfig,
  ) {
    super(Math.min(workers.workerPollMs, 1000), workers.workersEnabled, 20);
  }

  protected async tick(batchSize: number): Promise<number> {
    const em = this.em.fork();
    const rows = await this.claim(em, batchSize);
    for (const row of rows) {
      if (row.dropAfter && row.dropAfter < this.clock.now()) {
        this.logger.warn(`dropped an expired ${row.kind} email after ${row.attempts - 1} attempts`);
        await em.nativeDelete(OutboxEmail, { id: row.id });
        continue;
      }
      // One span per email (with the row as the request id of its log lines): send, then settle the row.
      await inWorkSpan(
        'mail send',
        `mail-${row.id}`,
        { 'portal.mail.kind': row.kind, 'portal.mail.attempt': row.attempts },
        async () => {
          try {
            await this.transport.send(this.config.mailFrom, {
              to: row.recipient,
              subject: row.subject,
              text: row.bodyText,
              html: row.bodyHtml,
              kind: row.kind,
            });
            await em.nativeDelete(OutboxEmail, { id: row.id });
            this.logger.log(`sent "${row.subject}"`);
          } catch (error) {
            markActiveSpanFailed((error as Error).message);
            const retryMs = Math.min(MAX_RETRY_MS, 250 * 2 ** Math.min(row.attempts, 10));
            await em.nativeUpdate(
              OutboxEmail,
              { id: row.id },
              {
                nextAttemptAt: new Date(this.clock.now().getTime() + retryMs),
                claimedUntil: null,
                lastError: String((error as Error).message).slice(0, 500),
              },
            );
            this.logger.warn(`mail server refused or unreachable (${(error as Error).message}); will retry`);
          }
        },
      );
    }
    return rows.length;
  }

  /**
   * Due rows no other instance holds, leased to this one for LEASE_MS and counted as an attempt;
   * code emails in order, superseded ones dropped (mail-outbox-claims.ts, issue 21).
   */
  private claim(em: EntityManager, limit: number): Promise<OutboxEmail[]> {
    return em.transactional(async (tx) => {
      const now = this.clock.now();
      const superseded = await dropSupersededCodes(tx, now);
      if (superseded) this.logger.log(`dropped ${superseded} code email(s) superseded by a newer code for the same person`);
      // Locked FOR UPDATE (SKIP LOCKED) by this transaction until the lease below is written.
      const ids = await dueMailIds(tx, now, limit);
      if (!ids.length) return [];
      const found = await tx.find(OutboxEmail, { id: { $in: ids } }, { disableIdentityMap: true });
      // Sent in the claim's order (codes first).
      const rows = ids.map((id) => found.find((row) => row.id === id)).filter((row): row is OutboxEmail => !!row);
      const lease = new Date(now.getTime() + LEASE_MS);
      await tx.nativeUpdate(
        OutboxEmail,
        { id: { $in: ids } },
        { nextAttemptAt: lease, claimedUntil: lease, attempts: raw('attempts + 1') },
      );
      for (const row of rows) row.attempts += 1;
      return rows;
    });
  }

  /** Queue depth, for `/metrics`. */
  backlog(): Promise<number> {
    return this.em.fork().count(OutboxEmail, {});
  }
}
