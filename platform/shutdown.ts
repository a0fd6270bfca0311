// How a process stops on SIGTERM/SIGINT: its steps run in order, and the grace period bounds them
// all. A step that hangs (a pool whose database is gone, a Temporal server that does not answer)
// must not keep the process alive past what the orchestrator allows: it then exits anyway, with
// code 1 and a log line naming the step it waited on.

export interface ShutdownLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ShutdownStep {
  name: string;
  run(): Promise<unknown>;
}

/** Runs the steps once; resolves to the exit code (0 all done, 1 a step failed or time ran out). */
export async function runShutdown(steps: ShutdownStep[], graceMs: number, log: ShutdownLog): Promise<number> {
  const started = performance.now();
  let current = 'start';
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      log.error({ graceMs, step: current }, 'shutdown grace period over; exiting with work unfinished');
      resolve(1);
    }, graceMs);
  });
  const work = (async () => {
    let code = 0;
    for (const step of steps) {
      current = step.name;
      try {
        await step.run();
      } catch (err) {
        log.error({ err, step: step.name }, 'shutdown step failed');
        code = 1;
      }
    }
    return code;
  })();
  const code = await Promise.race([work, deadline]);
  clearTimeout(timer);
  log.info({ ms: Math.round(performance.now() - started), code }, 'shut down');
  return code;
}

/**
 * On the first SIGTERM or SIGINT runs the steps (within graceMs) and exits; a second signal
 * exits at once.
 */
export function exitOnSignals(steps: () => ShutdownStep[], graceMs: number, log: ShutdownLog): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.error({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, graceMs }, 'shutting down');
    void runShutdown(steps(), graceMs, log).then((code) => process.exit(code));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
