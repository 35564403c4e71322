import { BytePacer } from './byte-pacer';

/** A pacer on a clock the test moves: sleeping advances it, so what is measured is the schedule. */
function pacerOnFakeClock(bytesPerSecond: number, burstMs: number) {
  let now = 1_000_000;
  const slept: number[] = [];
  const pacer = new BytePacer(
    bytesPerSecond,
    burstMs,
    () => now,
    async (ms) => {
      slept.push(ms);
      now += ms;
    },
  );
  return { pacer, slept, elapsed: () => now - 1_000_000, advance: (ms: number) => (now += ms) };
}

describe('BytePacer', () => {
  it('lets a burst through at once, then holds the stream to its rate', async () => {
    const { pacer, slept, elapsed } = pacerOnFakeClock(1000, 250);
    await pacer.take(200); // within the burst (250 bytes' worth)
    expect(slept).toEqual([]);
    for (let i = 0; i < 10; i++) await pacer.take(100);
    // 1,200 bytes at 1,000 bytes/s less the 250 ms burst: 950 ms.
    expect(elapsed()).toBe(950);
  });

  it('shares one rate between streams taken from concurrently', async () => {
    const { pacer, elapsed } = pacerOnFakeClock(1000, 0);
    const chunks = (n: number) => (async function* () {
      for (let i = 0; i < n; i++) yield Buffer.alloc(100);
    })();
    const drain = async (source: AsyncIterable<Buffer>) => {
      let bytes = 0;
      for await (const chunk of source) bytes += chunk.length;
      return bytes;
    };
    const [a, b] = await Promise.all([drain(pacer.pace(chunks(5))), drain(pacer.pace(chunks(5)))]);
    expect([a, b]).toEqual([500, 500]);
    // 1,000 bytes in all at 1,000 bytes/s: about a second, not half of one (each stream alone would take 500 ms).
    expect(elapsed()).toBeGreaterThanOrEqual(900);
  });

  it('does not bank idle time beyond the burst', async () => {
    const { pacer, slept, advance } = pacerOnFakeClock(1000, 100);
    advance(60_000); // a minute idle
    await pacer.take(100); // the burst
    expect(slept).toEqual([]);
    await pacer.take(100);
    expect(slept).toEqual([100]);
  });

  it('paces nothing when the rate is 0 (off)', async () => {
    const { pacer, slept } = pacerOnFakeClock(0, 0);
    await pacer.take(10 ** 9);
    expect(slept).toEqual([]);
  });
});
