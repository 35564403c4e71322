import type { Bindings, ChildLoggerOptions, Level, Logger } from 'pino';

type Method = Level;

/**
 * Fastify gives every request a child logger (`reqId` bound). At the usual levels most requests
 * write no line with it (LOG_LEVEL=warn: only failures), yet building a pino child, with its
 * bindings and redaction, cost ~10 µs of every request's CPU (BENCHMARKS.md, tenth round). This
 * stands in for it and makes the real child on the first line that is actually written, so a
 * written line is exactly what it was (same bindings, same level rule).
 */
export class LazyRequestLogger {
  private made?: Logger;
  /** The numeric level lines must reach, as the child would have it. */
  private readonly threshold: number;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {
    const level = options.level;
    this.threshold = level ? (parent.levels.values[level] ?? parent.levelVal) : parent.levelVal;
  }

  get level(): string {
    return this.made?.level ?? (this.options.level || this.parent.level);
  }

  isLevelEnabled(level: string): boolean {
    if (this.made) return this.made.isLevelEnabled(level);
    const value = this.parent.levels.values[level];
    return value !== undefined && value >= this.threshold;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.real().child(bindings, options);
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  private write(method: Method, args: unknown[]): void {
    if (!this.isLevelEnabled(method)) return;
    (this.real()[method] as (...a: unknown[]) => void)(...args);
  }

  private real(): Logger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }
}

/** Fastify's `childLoggerFactory`. */
export function lazyRequestLogger(parent: Logger, bindings: Bindings, options: ChildLoggerOptions): LazyRequestLogger {
  return new LazyRequestLogger(parent, bindings, options);
}
