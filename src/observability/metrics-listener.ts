import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';

export interface MetricsListenerOptions {
  host: string;
  port: number;
  /** When set, a scrape must carry `Authorization: Bearer <token>`. */
  token?: string;
}

/**
 * `/metrics` on its own listener, never on the public port: gauges such as the mail backlog move
 * with what a stranger just did (a reset for a registered address queues a mail), so on the public
 * listener they were an oracle. Bound to loopback unless the operator says otherwise, optionally
 * behind a bearer token. Plain `node:http`: it serves one read-only text document.
 */
export class MetricsListener {
  private server?: Server;
  private readonly tokenDigest?: Buffer;

  constructor(
    private readonly registry: Registry,
    private readonly options: MetricsListenerOptions,
  ) {
    if (options.token) this.tokenDigest = digest(options.token);
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.requestTimeout = 10_000;
    server.headersTimeout = 5_000;
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  /** Where it listens, e.g. `http://127.0.0.1:9464` (tests use an ephemeral port). */
  url(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) return undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) return send(res, 404, 'not found\n');
    if (this.tokenDigest && !this.authorised(req.headers.authorization)) {
      res.setHeader('www-authenticate', 'Bearer');
      return send(res, 401, 'unauthorised\n');
    }
    try {
      const body = await this.registry.metrics();
      send(res, 200, body, this.registry.contentType);
    } catch {
      send(res, 500, 'metrics unavailable\n');
    }
  }

  private authorised(header: string | undefined): boolean {
    const match = /^Bearer (\S+)$/.exec(header ?? '');
    return match !== null && timingSafeEqual(digest(match[1]), this.tokenDigest!);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}
