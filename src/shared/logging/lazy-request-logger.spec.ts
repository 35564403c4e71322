import pino from 'pino';
import { lazyRequestLogger } from './lazy-request-logger';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level, base: undefined }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('lazyRequestLogger (Fastify’s per-request child, made on first line)', () => {
  it('writes nothing and makes no child for lines below the level', () => {
    const { logger, lines } = capture('warn');
    const child = jest.spyOn(logger, 'child');
    const log = lazyRequestLogger(logger, { reqId: 'r-1' }, {});
    log.info('incoming request');
    log.debug('detail');
    expect(lines).toEqual([]);
    expect(child).not.toHaveBeenCalled();
    expect(log.isLevelEnabled('info')).toBe(false);
    expect(log.level).toBe('warn');
  });

  it('writes lines at or above the level with the request’s bindings, as a child would', () => {
    const { logger, lines } = capture('warn');
    const log = lazyRequestLogger(logger, { reqId: 'r-2' }, {});
    log.warn({ statusCode: 503 }, 'slow');
    log.error('failed');
    expect(lines).toMatchObject([
      { level: 40, reqId: 'r-2', statusCode: 503, msg: 'slow' },
      { level: 50, reqId: 'r-2', msg: 'failed' },
    ]);
  });

  it('follows a route’s own level over the parent’s', () => {
    const { logger, lines } = capture('warn');
    const log = lazyRequestLogger(logger, { reqId: 'r-3' }, { level: 'info' });
    log.info('request completed');
    log.debug('not this');
    expect(lines).toMatchObject([{ level: 30, reqId: 'r-3', msg: 'request completed' }]);
    expect(log.level).toBe('info');
  });

  it('hands out real children of the request’s logger', () => {
    const { logger, lines } = capture('info');
    lazyRequestLogger(logger, { reqId: 'r-4' }, {}).child({ part: 'upload' }).info('stored');
    expect(lines).toMatchObject([{ reqId: 'r-4', part: 'upload', msg: 'stored' }]);
  });
});
