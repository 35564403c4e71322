import { Global, Module, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { MailOutboxWorker } from '../notifications/infrastructure/mail-outbox.worker';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

@Global()
@Module({ controllers: [MetricsController], providers: [Metrics], exports: [Metrics] })
export class ObservabilityModule implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: Metrics,
    private readonly adapterHost: HttpAdapterHost,
    private readonly mail: MailOutboxWorker,
  ) {}

  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      // The route pattern, never the raw URL: ids must not become label values.
      const route = request.routeOptions?.url ?? 'unmatched';
      this.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
    this.metrics.gauge('portal_mail_backlog', 'Emails waiting in the mail outbox', () => this.mail.backlog());
  }
}
