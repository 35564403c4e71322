import { FaultState, parseFault } from './fault-state';
import type { StubFault } from './types';

describe('FaultState', () => {
  it('counts down `times` per claimed request and then clears itself', () => {
    const state = new FaultState();
    state.set({ kind: 'garbage', times: 2 });
    expect(state.take()).toEqual({ kind: 'garbage', times: 2 });
    expect(state.current()).toEqual({ kind: 'garbage', times: 1 });
    expect(state.take()?.kind).toBe('garbage');
    expect(state.current()).toBeNull();
    expect(state.take()).toBeNull();
  });

  it('keeps a fault without `times` until it is replaced', () => {
    const state = new FaultState();
    state.set({ kind: 'reset' });
    for (let i = 0; i < 5; i++) expect(state.take()).toEqual({ kind: 'reset' });
    state.set(null);
    expect(state.take()).toBeNull();
  });

  it('copies the fault, so mutating the caller\'s object changes nothing', () => {
    const state = new FaultState();
    const fault: StubFault = { kind: 'status', status: 503, times: 1 };
    state.set(fault);
    fault.times = 100;
    state.take();
    expect(state.current()).toBeNull();
  });

  it('parses every documented fault shape', () => {
    const faults: StubFault[] = [
      { kind: 'status', status: 400, body: '{"code":"bad"}', times: 1 },
      { kind: 'slow', delayMs: 0 },
      { kind: 'reset' },
      { kind: 'accept-then-reset', times: 3 },
      { kind: 'garbage' },
    ];
    for (const fault of faults) expect(parseFault(JSON.parse(JSON.stringify(fault)))).toEqual(fault);
    expect(parseFault(null)).toBeNull();
    expect(() => parseFault([])).toThrow(TypeError);
    expect(() => parseFault({ kind: 'status', status: 503, body: 1 })).toThrow(/body/);
    expect(() => parseFault({ kind: 'slow', delayMs: 1.5 })).toThrow(/delayMs/);
  });
});
