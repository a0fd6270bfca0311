// The one polling loop of the outbox dispatchers (mail, notifications): passes until one finds
// nothing more, one drain at a time, a failed pass logged and the loop going on, and a stop that
// lets the running pass finish and starts no other.
import { describe, expect, it } from 'vitest';
import { startPoller } from '../../platform/poller.ts';

/** A pass the test releases by hand, so nothing depends on how fast the machine is. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

describe('startPoller', () => {
  it('runs passes until one says there is no more, and sums their counts', async () => {
    const left = [3, 2, 0];
    let calls = 0;
    const poller = startPoller({
      name: 'test',
      intervalMs: 3_600_000,
      pass: async () => {
        calls++;
        const count = left.shift() ?? 0;
        return { count, more: count > 0 };
      },
    });
    // The loop's first drain starts at once; this one joins it.
    expect(await poller.drain()).toBe(5);
    expect(calls).toBe(3);
    await poller.stop();
    expect(calls).toBe(3);
  });

  it('shares a running drain instead of starting a second beside it', async () => {
    const g = gate();
    let concurrent = 0;
    let most = 0;
    const poller = startPoller({
      name: 'test',
      intervalMs: 3_600_000,
      pass: async () => {
        concurrent++;
        most = Math.max(most, concurrent);
        await g.opened;
        concurrent--;
        return { count: 1, more: false };
      },
    });
    const a = poller.drain();
    const b = poller.drain();
    g.open();
    expect(await a).toBe(await b);
    expect(most).toBe(1);
    await poller.stop();
  });

  it('logs a pass that throws and polls again', async () => {
    const errors: string[] = [];
    const again = gate();
    let calls = 0;
    const poller = startPoller({
      name: 'flaky',
      intervalMs: 1,
      logger: { error: (_o, msg) => errors.push(msg) },
      pass: async () => {
        calls++;
        if (calls === 1) throw new Error('database gone');
        again.open();
        return { count: 0, more: false };
      },
    });
    await again.opened;
    await poller.stop();
    expect(errors).toEqual(['flaky pass failed']);
  });

  it('lets the running pass finish on stop and starts none after it', async () => {
    const g = gate();
    const started = gate();
    let calls = 0;
    let finished = false;
    const poller = startPoller({
      name: 'test',
      intervalMs: 1,
      pass: async () => {
        calls++;
        started.open();
        await g.opened;
        finished = true;
        // It says there is more: a stopped loop must not take it.
        return { count: 1, more: true };
      },
    });
    await started.opened;
    const stopping = poller.stop();
    g.open();
    await stopping;
    expect(finished).toBe(true);
    expect(calls).toBe(1);
  });
});
