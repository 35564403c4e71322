import { Global, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { MetricsConfig } from '../config/config-slices';
import { Metrics } from './metrics';
import { MetricsListener } from './metrics-listener';

/**
 * Request metrics and the gauges the contexts register, scraped from a listener of their own
 * (`METRICS_HOST`:`METRICS_PORT`, loopback by default), opened when the public port opens and closed
 * with the app. Nothing about metrics is served on the public port.
 */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class ObservabilityModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listener: MetricsListener;

  constructor(
    private readonly metrics: Metrics,
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: MetricsConfig,
  ) {
    this.listener = new MetricsListener(metrics.registry, {
      host: config.metricsHost,
      port: config.metricsPort,
      token: config.metricsToken,
    });
    metrics.listener = this.listener;
  }

  onApplicationBootstrap(): void {
    // An application context without HTTP (the CLI) has no adapter: nothing to time.
    if (!this.adapterHost.httpAdapter) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      // The route pattern, never the raw URL: ids must not become label values.
      const route = request.routeOptions?.url ?? 'unmatched';
      this.metrics.httpDuration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
    // Only a serving app opens the metrics port (not the OpenAPI generator, which only initialises).
    if (this.config.metricsEnabled) fastify.addHook('onListen', async () => this.listener.start());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }
}
