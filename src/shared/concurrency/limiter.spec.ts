import { Limiter, LimiterFullError } from './limiter';

describe('Limiter', () => {
  it('runs at most `limit` at once, the rest in arrival order, and frees slots on failure too', async () => {
    const limiter = new Limiter(2);
    const started: number[] = [];
    const release: (() => void)[] = [];
    let peak = 0;
    const task = (n: number, fail = false) =>
      limiter.run(async () => {
        started.push(n);
        peak = Math.max(peak, limiter.load.running);
        await new Promise<void>((resolve) => release.push(resolve));
        if (fail) throw new Error(`task ${n}`);
        return n;
      });
    const results = [task(1, true), task(2), task(3), task(4)].map((p) => p.catch((e: Error) => e.message));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([1, 2]);
    expect(limiter.load).toEqual({ running: 2, waiting: 2 });
    while (release.length) {
      release.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(results)).toEqual(['task 1', 2, 3, 4]);
    expect(started).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(limiter.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses work beyond `maxWaiting` in line, without starting it', async () => {
    const limiter = new Limiter(1, 1);
    let release!: () => void;
    const first = limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
    const second = limiter.run(async () => 'second');
    let started = false;
    await expect(
      limiter.run(async () => {
        started = true;
      }),
    ).rejects.toBeInstanceOf(LimiterFullError);
    expect(started).toBe(false);
    release();
    await first;
    expect(await second).toBe('second');
    expect(limiter.load).toEqual({ running: 0, waiting: 0 });
  });
});
