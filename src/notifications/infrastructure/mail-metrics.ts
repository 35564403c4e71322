import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '../../observability';
import { MailOutboxWorker } from './mail-outbox.worker';

/** The mail outbox's depth on `/metrics` (registered here, so observability knows no context). */
@Injectable()
export class MailMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly outbox: MailOutboxWorker,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge('portal_mail_backlog', 'Emails waiting in the mail outbox', () => this.outbox.backlog());
  }
}
