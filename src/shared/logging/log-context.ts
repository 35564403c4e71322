import { AsyncLocalStorage } from 'node:async_hooks';
import { SpanContext, trace } from '@opentelemetry/api';

/**
 * The unit of work a log line belongs to: the HTTP request (its `x-request-id`) or a background job
 * (one delivery, one email). Set for a request by bootstrap.ts and for a job by `inWorkSpan`, read
 * by the logger's mixin, so every line, including those of services and workers that never see the
 * request, carries `requestId` and (with tracing on) `traceId`/`spanId`.
 */
const current = new AsyncLocalStorage<{ requestId: string; trace?: SpanContext }>();

/**
 * Runs `work` as part of request (or job) `requestId`. The span active now is remembered, so lines
 * written after it ended (Fastify's "request completed", logged once the response is sent) still
 * name the trace.
 */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  const span = trace.getActiveSpan()?.spanContext();
  return current.run({ requestId, trace: span && trace.isSpanContextValid(span) ? span : undefined }, work);
}

export function currentRequestId(): string | undefined {
  return current.getStore()?.requestId;
}

/** pino mixin: the correlation fields of the line being written. */
export function logCorrelation(): Record<string, string> {
  const fields: Record<string, string> = {};
  const store = current.getStore();
  if (store) fields.requestId = store.requestId;
  const active = trace.getActiveSpan()?.spanContext();
  const span = active && trace.isSpanContextValid(active) ? active : store?.trace;
  if (span) {
    fields.traceId = span.traceId;
    fields.spanId = span.spanId;
  }
  return fields;
}
