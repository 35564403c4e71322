import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** The body was larger than allowed; answered with 413. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/** The client went away while sending; there is nobody left to answer. */
export class ClientGoneError extends Error {}

/**
 * Reads the whole request body, refusing more than `limit` bytes. Buffers rather than streams
 * because the contribution must be parsed and checksummed as a whole anyway.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new PayloadTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > limit) {
        // Stop buffering but keep draining, so memory stays bounded while the 413 goes out.
        chunks.length = 0;
        fail(new PayloadTooLargeError(limit));
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, total));
    });
    req.once('error', (error) => fail(new ClientGoneError(error.message)));
    req.once('close', () => {
      if (!req.complete) fail(new ClientGoneError('client closed the connection before sending the whole body'));
    });
  });
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json; charset=utf-8', ...headers });
}

export function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const payload = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'content-length': String(payload.length) });
  res.end(payload);
}

export interface ProblemDetails {
  title: string;
  detail?: string;
  errors?: unknown[];
  headers?: Record<string, string>;
}

/** Errors use RFC 9457 problem details, like the portal's own API, so one client-side parser fits both. */
export function sendProblem(res: ServerResponse, status: number, code: string, problem: ProblemDetails): void {
  const { title, detail, errors, headers } = problem;
  const body: Record<string, unknown> = { type: `urn:case-system-stub:problem:${code}`, title, status, code };
  if (detail !== undefined) body.detail = detail;
  if (errors !== undefined) body.errors = errors;
  send(res, status, JSON.stringify(body), { 'content-type': 'application/problem+json; charset=utf-8', ...headers });
}

/**
 * Drops the connection with a TCP RST and no HTTP response at all, which is what a crashed or
 * unplugged gateway looks like to the client (ECONNRESET rather than a tidy FIN).
 */
export function resetConnection(socket: Socket): void {
  if (socket.destroyed) return;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/** True for application/json and any application/*+json media type. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const type = header.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}
