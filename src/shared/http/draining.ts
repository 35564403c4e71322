import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { FastifyInstance } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

/** What a client refused during shutdown is told to wait before trying again (another instance, or this one restarted). */
export const SHUTDOWN_RETRY_AFTER_S = 5;
/**
 * How long an idle connection stays open once shutdown begins. A client about to reuse it gets a clean
 * 503 `shutting_down` with `Connection: close` rather than a reset; a connection accepted just before
 * shutdown gets its first request answered the same way. Closing them at once, as Node's
 * server.close() does, answered such requests with ECONNRESET (issue 21).
 */
const IDLE_GRACE_MS = 1000;

/**
 * Shutdown, in the order issue 21 asks for: the moment it begins (SIGTERM, or app.close()) new
 * requests are refused with 503 problem+json `shutting_down` and Retry-After (readiness included), every
 * response still to be written carries `Connection: close`, and each kept-alive connection is closed
 * as soon as it has nothing in flight — so the server finishes closing when the last request in
 * flight is answered, not when idle keep-alive connections time out (they kept it open 20 s). The
 * workers stop claiming on the same hook (PollingWorker.beforeApplicationShutdown).
 */
@Injectable()
export class Draining implements BeforeApplicationShutdown {
  private started = false;
  private readonly listeners: (() => void)[] = [];

  get active(): boolean {
    return this.started;
  }

  begin(): void {
    if (this.started) return;
    this.started = true;
    for (const listener of this.listeners.splice(0)) listener();
  }

  onBegin(listener: () => void): void {
    if (this.started) listener();
    else this.listeners.push(listener);
  }

  beforeApplicationShutdown(): void {
    this.begin();
  }
}

/** Wires Draining into Fastify and its HTTP server (bootstrap, before listening). */
export function drainOnShutdown(fastify: FastifyInstance, draining: Draining): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!draining.active) return done();
    void reply
      .code(503)
      .header('retry-after', String(SHUTDOWN_RETRY_AFTER_S))
      .header('connection', 'close')
      .type(PROBLEM_CONTENT_TYPE)
      .send(problem(503, 'shutting_down', 'This server is shutting down: try again in a few seconds'));
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining.active) reply.header('connection', 'close');
    done(null, payload);
  });
  trackConnections(fastify.server, draining);
}

function trackConnections(server: Server, draining: Draining): void {
  const open = new Set<Socket>();
  const inFlight = new Map<Socket, number>();
  let graceOver = false;
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      inFlight.delete(socket);
    });
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      // A response begun before shutdown went out without `Connection: close`: close its connection now it is idle.
      if (graceOver && left === 0) socket.end();
    });
  });
  draining.onBegin(() => {
    setTimeout(() => {
      graceOver = true;
      for (const socket of open) if (!inFlight.get(socket)) socket.end();
    }, IDLE_GRACE_MS).unref();
  });
  // Node's server.close() destroys every connection without a request in flight at once, including
  // one whose request is on the wire; the grace above replaces that.
  server.closeIdleConnections = () => undefined;
}
