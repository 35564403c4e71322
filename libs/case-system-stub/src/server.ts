import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { ContributionStore } from './contribution-store';
import { handleContribution } from './contributions-handler';
import { handleControl } from './control-handler';
import { TaskItemStore } from './events-handler';
import { FaultState } from './fault-state';
import { StubAuth } from './auth';
import { sendJson, sendProblem } from './http-io';
import type { CaseSystemStub, CaseSystemStubOptions, StubFault } from './types';

/**
 * Starts the case-management gateway stub on a real HTTP port. Plain node:http rather than
 * fastify because fault injection needs the raw socket at moments a framework hides
 * (dropping it before the body is read, or after storing but before answering).
 */
export async function startCaseSystemStub(options: CaseSystemStubOptions = {}): Promise<CaseSystemStub> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const logger: Logger | undefined = options.logger === true ? pino({ name: 'case-system-stub' }) : undefined;

  const store = new ContributionStore();
  const auth = new StubAuth(options.auth ?? {});
  const faults = new FaultState();
  const taskItems = new TaskItemStore();
  const pendingSleeps = new Set<() => void>();
  let closing = false;

  const sleep = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      const wake = (completed: boolean): void => {
        clearTimeout(timer);
        pendingSleeps.delete(cancel);
        resolve(completed && !closing);
      };
      const cancel = (): void => wake(false);
      const timer = setTimeout(() => wake(true), ms);
      pendingSleeps.add(cancel);
    });

  const clear = (): void => {
    store.clear();
    faults.set(null);
    taskItems.clear();
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://stub.invalid');
    if (url.pathname === '/contributions') {
      if (req.method !== 'POST') {
        return sendProblem(res, 405, 'method_not_allowed', { title: 'Method not allowed', headers: { allow: 'POST' } });
      }
      return handleContribution({ store, faults, logger, sleep, auth, retainFiles: options.retainFiles ?? true }, req, res);
    }
    if (url.pathname === '/oauth/token' && req.method === 'POST') return auth.issueToken(req, res);
    if (url.pathname === '/task-events' || url.pathname === '/messages') {
      if (req.method !== 'POST') {
        return sendProblem(res, 405, 'method_not_allowed', { title: 'Method not allowed', headers: { allow: 'POST' } });
      }
      return taskItems.handle(url.pathname === '/messages' ? 'message' : 'event', req, res);
    }
    if (url.pathname === '/__stub/task-events') return sendJson(res, 200, taskItems.events);
    if (url.pathname === '/__stub/messages') return sendJson(res, 200, taskItems.messages);
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname.startsWith('/__stub/')) return handleControl({ store, faults, clear }, req, res, url);
    sendProblem(res, 404, 'not_found', { title: 'Not found' });
  };

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    if (logger !== undefined) {
      // 'close' rather than 'finish' so that injected resets (no response at all) are logged too.
      res.once('close', () => {
        logger.info({
          method: req.method,
          url: req.url,
          status: res.headersSent ? res.statusCode : 'no-response',
          key: req.headers['idempotency-key'],
          fault: res.getHeader('x-stub-fault'),
          ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
        }, 'request');
      });
    }
    route(req, res).catch((error: unknown) => {
      logger?.error({ err: error }, 'stub handler failed');
      if (!res.headersSent) sendProblem(res, 500, 'stub_error', { title: 'Stub internal error' });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : host;
  const url = `http://${urlHost}:${address.port}`;
  logger?.info({ url }, 'case-system stub listening');

  let closed: Promise<void> | undefined;
  return {
    url,
    contributions: () => store.all(),
    requestCount: (idempotencyKey?: string) => store.requestCount(idempotencyKey),
    bodiesReceived: (idempotencyKey: string) => store.bodiesReceived(idempotencyKey),
    setFault: (fault: StubFault | null) => faults.set(fault),
    revokeTokens: () => auth.revokeTokens(),
    tokenRequests: () => auth.tokenRequests(),
    taskEvents: () => [...taskItems.events],
    messages: () => [...taskItems.messages],
    taskItemRequestCount: () => taskItems.requests,
    setTaskItemFault: (fault: StubFault | null) => taskItems.faults.set(fault),
    setAutoReply: (reply) => {
      taskItems.autoReply = reply;
    },
    reply: (to, ref) => taskItems.reply(to, ref),
    clear,
    close: () => {
      // Idempotent, so a test's afterAll and a shutdown hook can both call it.
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        for (const cancel of [...pendingSleeps]) cancel();
        server.close(() => resolve());
        // Keep-alive sockets from fetch (and requests held by a 'slow' fault) would otherwise keep close() waiting.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
