import { FastifyOtelInstrumentation } from '@fastify/otel';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';

type Env = Record<string, string | undefined>;

/** Paths polled by load balancers and Prometheus: a span each would drown the real traffic. */
const UNTRACED_PATHS = /^\/(health\/(live|ready)|metrics)(\?|$)/;

/**
 * Tracing is configured only by the standard OpenTelemetry variables and is off unless one of them
 * names where traces go: OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or
 * OTEL_TRACES_EXPORTER (OTEL_SDK_DISABLED=true switches it off again). Everything else (protocol,
 * headers, sampler, resource attributes) is the SDK's own reading of OTEL_* variables.
 */
export function tracingEnabled(env: Env): boolean {
  if (/^true$/i.test(env.OTEL_SDK_DISABLED ?? '')) return false;
  if (env.OTEL_TRACES_EXPORTER?.trim() === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_TRACES_EXPORTER);
}

let sdk: NodeSDK | undefined;

/**
 * Starts the OpenTelemetry SDK: spans for HTTP in and out (the case system receives `traceparent`),
 * Fastify routes, and every PostgreSQL statement; the portal adds its own for outbox deliveries and
 * mail sends (src/observability/spans.ts). Must run before the HTTP, Fastify and pg modules load
 * (main.ts imports it first), because the instrumentations patch them as they are required.
 */
export function startTracing(env: Env = process.env): boolean {
  if (sdk || !tracingEnabled(env)) return Boolean(sdk);
  if (!env.OTEL_SERVICE_NAME) process.env.OTEL_SERVICE_NAME = 'professional-portal';
  sdk = new NodeSDK({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
        // Neither headers nor query strings carry personal data into the traces.
        headersToSpanAttributes: { client: { requestHeaders: [] }, server: { requestHeaders: [] } },
      }),
      new UndiciInstrumentation(),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new FastifyOtelInstrumentation({ registerOnInitialization: true, ignorePaths: (opts) => UNTRACED_PATHS.test(opts.url) }),
    ],
  });
  sdk.start();
  return true;
}

/** Sends the spans still buffered (at shutdown). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown().catch(() => undefined);
}
