import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cpuSeconds } from './processes';

export const LUA_SCRIPT = join(__dirname, '..', '..', '..', 'bench', 'wrk', 'portal.lua');

export interface WrkOptions {
  url: string;
  mode: 'get' | 'save' | 'pickup' | 'submit' | 'login' | 'mix';
  /** mix: "reads,saves,pickups,submits" percentages. */
  mix?: string;
  /** mix: each connection pauses a random 0-2× this many ms before each request (BENCH_PACE_MS). */
  paceMs?: number;
  file: string;
  bodies?: string;
  connections: number;
  threads: number;
  seconds: number;
  timeoutSeconds?: number;
}

export interface WrkResult {
  requests: number;
  durationUs: number;
  bytes: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  latencyUs: { mean: number; p50: number; p90: number; p99: number; max: number };
  statuses: Record<string, number>;
  threadsExhausted: number;
  rps: number;
  /** mix: latency per kind of request (µs), measured by the script itself. */
  kinds?: Record<string, { n: number; p50: number; p90: number; p99: number; max: number }>;
}

/** Runs wrk (a separate process) with the bench's Lua script and parses its BENCH_RESULT line. */
export function runWrk(o: WrkOptions): Promise<WrkResult & { cpuSeconds: number }> {
  const args = [
    `-t${o.threads}`,
    `-c${o.connections}`,
    `-d${o.seconds}s`,
    `--timeout`,
    `${o.timeoutSeconds ?? 10}s`,
    '-s',
    LUA_SCRIPT,
    o.url,
  ];
  const env = {
    ...process.env,
    BENCH_MODE: o.mode,
    BENCH_FILE: o.file,
    BENCH_BODIES: o.bodies ?? '',
    BENCH_THREADS: String(o.threads),
    BENCH_MIX: o.mix ?? '',
    BENCH_PACE_MS: String(o.paceMs ?? 0),
  };
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // The load generator shares the machine: keep its CPU time (last sample before it exits).
    let cpu = 0;
    const sampler = setInterval(() => (cpu = Math.max(cpu, cpuSeconds(child.pid!))), 200);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sampler);
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (!line) return reject(new Error(`wrk exited ${code} without a result:\n${out}\n${err}`));
      const result = JSON.parse(line.slice('BENCH_RESULT '.length)) as WrkResult;
      result.rps = result.requests / (result.durationUs / 1e6);
      resolve({ ...result, cpuSeconds: cpu });
    });
  });
}
