import { EntityManager } from '@mikro-orm/core';
import { requestEntityManager, runInRequestContext } from './request-context';

/** A root EntityManager that, like MikroORM's, resolves its context while a fork is being built. */
function fakeRoot(name = 'default') {
  const forks: object[] = [];
  const root = {
    name,
    fork: jest.fn(() => {
      const seenWhileForking = requestEntityManager(name);
      const fork = { forkNo: forks.length, seenWhileForking };
      forks.push(fork);
      return fork;
    }),
  };
  return { root: root as unknown as EntityManager, forks, fork: root.fork };
}

describe('request context (ORM fork on first use)', () => {
  it('forks nothing for a request that never asks for the ORM', async () => {
    const { root, fork } = fakeRoot();
    await new Promise<void>((done) => runInRequestContext(root, () => setImmediate(done)));
    expect(fork).not.toHaveBeenCalled();
  });

  it('forks once per request, on first use, and finds no context while forking', async () => {
    const { root, fork } = fakeRoot();
    const seen = await new Promise<unknown[]>((done) =>
      runInRequestContext(root, async () => {
        const first = requestEntityManager('default');
        await Promise.resolve();
        done([first, requestEntityManager('default')]);
      }),
    );
    expect(fork).toHaveBeenCalledTimes(1);
    expect(fork).toHaveBeenCalledWith({ useContext: true, disableContextResolution: true });
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]).toEqual({ forkNo: 0, seenWhileForking: undefined });
  });

  it('gives concurrent requests their own forks', async () => {
    const { root } = fakeRoot();
    const inRequest = () =>
      new Promise<unknown>((done) => runInRequestContext(root, () => setImmediate(() => done(requestEntityManager('default')))));
    const [a, b] = await Promise.all([inRequest(), inRequest()]);
    expect(a).not.toBe(b);
  });

  it('answers nothing outside a request, or for another ORM instance', () => {
    const { root } = fakeRoot('other');
    expect(requestEntityManager('default')).toBeUndefined();
    runInRequestContext(root, () => expect(requestEntityManager('default')).toBeUndefined());
  });
});
