import { join } from 'node:path';
import Piscina from 'piscina';

/**
 * Worker threads for CPU-heavy steps (rendering a PDF costs ~35 ms of CPU): run on the event loop,
 * every other request would wait behind each one. Created on first use, so an instance that never
 * renders starts no thread; threads end after a minute idle and are closed at shutdown.
 *
 * `threads: 0` runs the task inline on the caller's event loop (the unit tests, or a machine with one
 * core where a thread buys nothing). The worker file exports its task function as `default`.
 */
export class ThreadPool<In, Out> {
  private pool?: Piscina;

  /**
   * @param workerFile the worker module without its extension, beside the caller (`join(__dirname, 'x.worker')`):
   *   `.js` when running the build, `.ts` when running the sources (jest, the swc hook).
   * @param inline the same function, for `threads: 0`.
   */
  constructor(
    private readonly workerFile: string,
    private readonly threads: number,
    private readonly inline: (input: In) => Promise<Out>,
  ) {}

  run(input: In): Promise<Out> {
    if (this.threads === 0) return this.inline(input);
    this.pool ??= this.create();
    return this.pool.run(input) as Promise<Out>;
  }

  /** Threads started so far (0 before the first task): for tests and metrics. */
  get started(): number {
    return this.pool?.threads.length ?? 0;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private create(): Piscina {
    // From the TypeScript sources (jest, a child process under the swc hook) the worker thread needs
    // the same hook to load a .ts file: the one at the repository's root.
    const fromSources = __filename.endsWith('.ts');
    return new Piscina({
      filename: `${this.workerFile}${fromSources ? '.ts' : '.js'}`,
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: 60_000,
      // The threads yield to the event loop (and to PostgreSQL on the same machine): a request waiting
      // for a PDF can wait a little longer; the reads served meanwhile should not (Linux: per thread).
      niceIncrement: 10,
      execArgv: fromSources ? [...process.execArgv, '--require', SWC_HOOK] : process.execArgv,
    });
  }
}

const SWC_HOOK = join(__dirname, '..', '..', '..', 'swc-register.js');
