import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContributionStore } from './contribution-store';
import type { FaultState } from './fault-state';
import { PayloadTooLargeError, readBody, sendJson, sendProblem } from './http-io';
import { parseFault } from './fault-state';

/** A fault is a few dozen bytes; anything bigger is a mistake. */
const MAX_CONTROL_BYTES = 64 * 1024;

export interface ControlDeps {
  store: ContributionStore;
  faults: FaultState;
  clear(): void;
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendProblem(res, 405, 'method_not_allowed', { title: 'Method not allowed', headers: { allow } });
}

/**
 * The /__stub/* surface, so a test or benchmark in another process can drive the stub the same
 * way in-process code drives it through the CaseSystemStub object.
 */
export async function handleControl(deps: ControlDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname;
  const method = req.method ?? 'GET';

  if (path === '/__stub/contributions') {
    if (method !== 'GET') return methodNotAllowed(res, 'GET');
    return sendJson(res, 200, { items: deps.store.summaries() });
  }

  const single = /^\/__stub\/contributions\/([^/]+)$/.exec(path);
  if (single !== null) {
    if (method !== 'GET') return methodNotAllowed(res, 'GET');
    const contribution = deps.store.get(decodeURIComponent(single[1]!));
    if (contribution === undefined) {
      return sendProblem(res, 404, 'not_found', { title: 'No contribution with that submissionId' });
    }
    return sendJson(res, 200, contribution);
  }

  if (path === '/__stub/stats') {
    if (method !== 'GET') return methodNotAllowed(res, 'GET');
    const key = url.searchParams.get('key') ?? undefined;
    return sendJson(res, 200, {
      contributions: deps.store.size(),
      requests: deps.store.requestCount(key),
      fault: deps.faults.current(),
    });
  }

  if (path === '/__stub/fault') {
    if (method === 'GET') return sendJson(res, 200, { fault: deps.faults.current() });
    if (method === 'DELETE') {
      deps.faults.set(null);
      res.writeHead(204).end();
      return;
    }
    if (method !== 'PUT') return methodNotAllowed(res, 'GET, PUT, DELETE');
    let parsed: unknown;
    try {
      parsed = JSON.parse((await readBody(req, MAX_CONTROL_BYTES)).toString('utf8'));
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        return sendProblem(res, 413, 'payload_too_large', { title: 'Fault body too large', headers: { connection: 'close' } });
      }
      return sendProblem(res, 400, 'invalid_json', { title: 'Body must be a JSON fault or null' });
    }
    try {
      deps.faults.set(parseFault(parsed));
    } catch (error) {
      return sendProblem(res, 400, 'invalid_fault', { title: 'Invalid fault', detail: (error as Error).message });
    }
    return sendJson(res, 200, { fault: deps.faults.current() });
  }

  if (path === '/__stub/clear') {
    if (method !== 'POST') return methodNotAllowed(res, 'POST');
    deps.clear();
    res.writeHead(204).end();
    return;
  }

  sendProblem(res, 404, 'not_found', { title: 'No such stub control endpoint' });
}
