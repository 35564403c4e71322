/**
 * Traces and correlated logs, end to end: the real portal (src/main.ts in a child process, so the
 * OpenTelemetry instrumentations patch http, fastify and pg as they load) configured only by OTEL_*
 * variables, exporting OTLP/HTTP JSON to a receiver in this test; a recording case system checks
 * the trace context arrives with the delivery. A professional registers, signs in and submits.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { registerAndLogin } from '../support/portal-client';
import { SmtpSink } from '../support/smtp-sink';
import { delegate, delegationBody, publishSampleForms } from '../support/task-fixtures';
import { cloneTestDatabase, testDatabaseUrl } from '../support/test-database';
import { INTEGRATION_KEY, TestApp } from '../support/test-app';
import { PortalProcess, startPortalProcess } from '../resilience/support/portal-process';
import { educationAnswers, submit, waitFor } from '../submissions/support/submission-fixtures';

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
  status?: { code?: number };
}

/** An OTLP/HTTP receiver (JSON encoding): keeps every span it is sent. */
async function startOtlpReceiver(): Promise<{ server: Server; url: string; spans: Span[] }> {
  const spans: Span[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans: { scopeSpans: { spans: Span[] }[] }[];
        };
        for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, spans };
}

/** A case system that accepts every contribution and remembers the headers it came with. */
async function startRecordingCaseSystem(): Promise<{ server: Server; url: string; received: IncomingMessage['headers'][] }> {
  // Contributions only: task events (the case-system outbox) go to other paths and are answered the same.
  const received: IncomingMessage['headers'][] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/contributions') received.push(req.headers);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ receiptId: `RCPT-${received.length}` }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received };
}

const attr = (span: Span, key: string) => span.attributes.find((a) => a.key === key)?.value;

describe('OpenTelemetry traces and correlated logs (OTEL_* only)', () => {
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let caseSystem: Awaited<ReturnType<typeof startRecordingCaseSystem>>;
  let mail: SmtpSink;
  let portal: PortalProcess;
  let t: TestApp;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    otlp = await startOtlpReceiver();
    caseSystem = await startRecordingCaseSystem();
    mail = new SmtpSink();
    await mail.start();
    const varDir = mkdtempSync(join(tmpdir(), 'tracing-'));
    cleanups.push(() => rmSync(varDir, { recursive: true, force: true }));
    const env: Record<string, string> = {
      VAR_DIR: varDir,
      SMTP_URL: mail.url,
      CASE_SYSTEM_URL: caseSystem.url,
      CASE_SYSTEM_AUTH: 'none',
      INTEGRATION_API_KEYS: INTEGRATION_KEY,
      WORKER_POLL_MS: '50',
      DELIVERY_RETRY_BASE_MS: '50',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_SERVICE_NAME: 'portal-under-test',
    };
    if (testDatabaseUrl()) {
      const db = await cloneTestDatabase();
      env.DATABASE_URL = db.url;
      cleanups.push(db.drop);
    }
    portal = await startPortalProcess(env);
    t = { url: portal.url, mail, http: () => request.agent(portal.url) } as unknown as TestApp;
    await publishSampleForms(t);
  });

  afterAll(async () => {
    if (portal?.child.exitCode === null) {
      portal.child.kill('SIGTERM');
      await portal.exited;
    }
    await mail?.stop();
    otlp?.server.close();
    caseSystem?.server.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('exports spans for HTTP requests, PostgreSQL statements, mail sends and outbox deliveries; the case system gets the trace', async () => {
    const pro = await registerAndLogin(t, 'trace.reader@school.example');
    const task = await delegate(t, delegationBody(pro.email));
    const saved = await pro.put(`/tasks/${task.id}/answers`, { version: task.version, answers: educationAnswers() }).expect(200);
    await submit(pro, { id: task.id, version: saved.body.version }).expect(202);

    await waitFor('the delivery to reach the case system', () => caseSystem.received.length > 0, 30_000);
    const delivery = await waitFor('the delivery span', () => otlp.spans.find((s) => s.name === 'outbox delivery'), 15_000);

    // HTTP server spans for API requests, with their route (Fastify) and status.
    const submitSpan = await waitFor('the submit request span', () =>
      otlp.spans.find((s) => s.kind === 2 && JSON.stringify(s.attributes).includes('/submit')),
    );
    expect(attr(submitSpan, 'http.response.status_code') ?? attr(submitSpan, 'http.status_code')).toEqual({ intValue: 202 });
    // PostgreSQL statements, as children in request traces.
    const pgSpans = otlp.spans.filter((s) => attr(s, 'db.system')?.stringValue === 'postgresql' || attr(s, 'db.system.name'));
    expect(pgSpans.length).toBeGreaterThan(0);
    expect(pgSpans.some((s) => s.traceId === submitSpan.traceId)).toBe(true);
    // Every email is sent in a span of its own (registration code, login code, delegation notice).
    expect(otlp.spans.filter((s) => s.name === 'mail send').length).toBeGreaterThanOrEqual(2);
    // The delivery: its own trace; the case system was called within it and told so (W3C traceparent).
    expect(attr(delivery, 'portal.delivery.id')?.stringValue).toEqual(expect.any(String));
    const traceparent = String(caseSystem.received[0].traceparent ?? '');
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect(traceparent.split('-')[1]).toBe(delivery.traceId);
    const outgoing = otlp.spans.find((s) => s.traceId === delivery.traceId && s.kind === 3);
    expect(outgoing?.parentSpanId).toBe(delivery.spanId);
    // Health probes are not traced (they would drown the traffic).
    expect(otlp.spans.some((s) => JSON.stringify(s.attributes).includes('/health/ready'))).toBe(false);
  });

  it('every log line carries a request id, and lines written while tracing carry the trace id', async () => {
    await waitFor('the delivery log lines', () => portal.output().includes('"requestId":"delivery-'), 10_000);
    const lines = portal
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLines = lines.filter((l) => l.reqId);
    expect(requestLines.length).toBeGreaterThan(0);
    for (const line of requestLines) expect(line.requestId ?? line.reqId).toBe(line.reqId);
    // Health probes are not traced; every API request's lines name its trace, to the last one.
    const urlOf = new Map(requestLines.filter((l) => l.req).map((l) => [l.reqId, (l.req as { url: string }).url]));
    const apiCompleted = requestLines.filter(
      (l) => l.msg === 'request completed' && String(urlOf.get(l.reqId)).startsWith('/api/v1/'),
    );
    expect(apiCompleted.length).toBeGreaterThan(5);
    for (const line of apiCompleted) {
      expect(line.requestId).toBe(line.reqId);
      expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    }
    // Service and worker lines (no Fastify request logger) are correlated too.
    const mailLines = lines.filter((l) => l.context === 'MailOutbox');
    expect(mailLines.length).toBeGreaterThan(0);
    for (const line of mailLines) {
      expect(String(line.requestId)).toMatch(/^mail-/);
      expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    }
    const deliveryTraces = new Set(otlp.spans.filter((s) => s.name === 'outbox delivery').map((s) => s.traceId));
    const deliveryLines = lines.filter((l) => String(l.requestId ?? '').startsWith('delivery-'));
    expect(deliveryLines.length).toBeGreaterThan(0);
    for (const line of deliveryLines) expect(deliveryTraces.has(String(line.traceId))).toBe(true);
  });
});
