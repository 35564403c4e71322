import { Attributes, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { runWithRequestId } from '../logging/log-context';

const tracer = trace.getTracer('professional-portal');

/**
 * Runs one unit of background work (an outbox delivery, a mail send) in a span of its own and with
 * `jobId` as the request id of its log lines. Without tracing configured the span is a no-op and
 * costs nothing; the log correlation stays. Attributes name ids, never personal data.
 */
export function inWorkSpan<T>(name: string, jobId: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return runWithRequestId(jobId, () =>
    tracer.startActiveSpan(name, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
      try {
        return await work();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    }),
  );
}

/** Marks the active span failed without throwing (an outcome the caller handles, such as a retry). */
export function markActiveSpanFailed(message: string): void {
  trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message });
}
