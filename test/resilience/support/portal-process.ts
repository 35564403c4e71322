import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface PortalProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
  signalledAt?: number;
}

/** The real `src/main.ts` in a child process (TypeScript through swc, no build needed), ready when /health/ready says so. */
export async function startPortalProcess(env: Record<string, string>, nodeArgs: string[] = []): Promise<PortalProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '-r', join(ROOT, 'swc-register.js'), join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    // METRICS_PORT 0: a free port, since two suites may run a portal process at once (9464 is the default).
    env: { PATH: process.env.PATH ?? '', PORT: String(port), METRICS_PORT: '0', LOG_LEVEL: 'info', DEMO_DATA: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const started = Date.now();
  const portal: PortalProcess = {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    exited: once(child, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
      afterMs: Date.now() - (portal.signalledAt ?? started),
    })),
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited during start:\n${output}`);
    const status = await new Promise<number>((resolve) => {
      const req = httpRequest(`${portal.url}/health/ready`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
      req.end();
    });
    if (status === 200) return portal;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the portal did not become ready:\n${output}`);
}

/** The process's peak resident set size so far (Linux: VmHWM), in MiB; undefined elsewhere. */
export function peakRssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A request whose body arrives slowly, chunk by chunk: in flight for as long as the client takes.
 * `sent(n)` resolves once n chunks are out, so the test can act in the middle of it.
 */
export function slowRequest(
  url: string,
  options: { method: string; headers: Record<string, string>; chunks: Buffer[]; gapMs: number; stallAfter?: number },
) {
  const { method, headers, chunks, gapMs, stallAfter } = options;
  let chunksOut = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      url,
      { method, headers: { ...headers, 'content-length': String(Buffer.concat(chunks).length) } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    const next = () => {
      if (stallAfter !== undefined && chunksOut >= stallAfter) return; // the client never finishes
      if (chunksOut === chunks.length) return void req.end();
      req.write(chunks[chunksOut]);
      chunksOut += 1;
      for (const w of waiters.filter((w) => w.n <= chunksOut)) w.resolve();
      setTimeout(next, gapMs);
    };
    next();
  });
  return {
    response,
    sent: (n: number) => new Promise<void>((resolve) => (chunksOut >= n ? resolve() : waiters.push({ n, resolve }))),
  };
}

export function chunked(data: Buffer, pieces: number): Buffer[] {
  const size = Math.ceil(data.length / pieces);
  return Array.from({ length: pieces }, (_, i) => data.subarray(i * size, (i + 1) * size)).filter((c) => c.length > 0);
}
