// The loop an outbox dispatcher runs in a worker process: passes until there is nothing left to
// do now, then a pause, then again; a pass that throws is logged and the loop goes on. drain()
// lets a test or a shutdown run the passes itself, sharing the one already running instead of
// starting a second beside it; stop() lets a running pass finish and starts none after it.

export interface Poller {
  /** Passes until one says there is no more to do; resolves to the sum of their counts. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

export interface PollerOptions {
  /** One pass: how much it did (what drain() sums) and whether another pass would find more. */
  pass: () => Promise<{ count: number; more: boolean }>;
  /** Pause between drains. */
  intervalMs: number;
  /** Names the loop in the log line of a failed pass. */
  name: string;
  logger?: { error(obj: object, msg: string): void };
}

export function startPoller(o: PollerOptions): Poller {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let running: Promise<number> | undefined;

  const passes = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const r = await o.pass();
      total += r.count;
      if (!r.more || stopped) return total;
    }
  };
  const drain = (): Promise<number> => {
    running ??= passes().finally(() => {
      running = undefined;
    });
    return running;
  };
  const loop = async () => {
    while (!stopped) {
      try {
        await drain();
      } catch (err) {
        o.logger?.error({ err }, `${o.name} pass failed`);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, o.intervalMs);
      });
    }
  };
  const done = loop();
  return {
    drain,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await done;
    },
  };
}
