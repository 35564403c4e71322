import type { Server } from 'node:http';
import type { Socket } from 'node:net';

interface Watched {
  /** Requests of this connection not yet answered. */
  busy: number;
  /** When it last moved a byte either way or finished an answer. */
  since: number;
  bytes: number;
  served: boolean;
}

/**
 * How long past the announced keep-alive (`Keep-Alive: timeout=N`) a quiet connection is still kept.
 * A client reuses a pooled connection until about the announced time (undici: one second before it,
 * on a timer of one-second grain), so a server that closes at exactly that time races the client's
 * next request, which then fails with "other side closed" / ECONNRESET and no answer. Node's own
 * keep-alive timer waits the same extra second for the same reason.
 */
export const KEEP_ALIVE_BUFFER_MS = 1_000;

/**
 * Closes connections that sit idle: one that never sends a request after `idleMs`, one kept alive
 * after an answer after `keepAliveMs` (the announced time) plus `KEEP_ALIVE_BUFFER_MS`. Node's own
 * socket timeouts cannot be used for this: the frequent connection checks that enforce the header
 * and request deadlines refresh every socket's idle timer, so an idle socket never timed out.
 * Activity is read from the byte counters (Node's HTTP parser consumes the socket directly, so no
 * 'data' events). A connection with a request in flight is left to the request deadline.
 */
export function watchIdleConnections(server: Server, options: { idleMs: number; keepAliveMs: number }): void {
  const watched = new Map<Socket, Watched>();
  server.on('connection', (socket: Socket) => {
    watched.set(socket, { busy: 0, since: Date.now(), bytes: 0, served: false });
    socket.once('close', () => watched.delete(socket));
  });
  server.on('request', (request: { socket: Socket }, response: { once(event: 'close', listener: () => void): void }) => {
    const state = watched.get(request.socket);
    if (!state) return;
    state.busy += 1;
    response.once('close', () => {
      state.busy -= 1;
      state.since = Date.now();
      state.served = true;
    });
  });
  const tick = Math.max(50, Math.floor(Math.min(options.idleMs, options.keepAliveMs) / 4));
  let lastTick = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    // A late tick means the event loop was busy: bytes a client sent meanwhile may still sit unread
    // (timers run before the loop polls sockets), so a connection would look idle when it is not.
    // Such a round only refreshes; the next, on time, judges with the bytes read.
    const late = now - lastTick > tick * 2;
    lastTick = now;
    for (const [socket, state] of watched) {
      const bytes = socket.bytesRead + socket.bytesWritten;
      if (bytes !== state.bytes || state.busy > 0) {
        state.bytes = bytes;
        if (state.busy === 0) state.since = now;
        continue;
      }
      if (late) continue;
      if (now - state.since > (state.served ? options.keepAliveMs + KEEP_ALIVE_BUFFER_MS : options.idleMs)) socket.destroy();
    }
  }, tick);
  timer.unref();
  server.once('close', () => clearInterval(timer));
}
