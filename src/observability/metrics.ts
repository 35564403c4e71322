import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsListener } from './metrics-listener';

/** Something that can report a current figure at scrape time (queue depths, failures). */
export type GaugeSource = () => Promise<number>;

/** Prometheus metrics: request rates and latencies, plus gauges the contexts register. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'portal_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  /** The separate scrape listener (see ObservabilityModule); its `url()` tells tests where it is. */
  listener?: MetricsListener;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'portal_' });
  }

  /** Registers a gauge whose value is read from `source` on every scrape. */
  gauge(name: string, help: string, source: GaugeSource): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await source().catch(() => -1));
      },
    });
  }
}
