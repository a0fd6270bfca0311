// Runs the project's own entry points as child processes, the way a user runs them, on free
// ports and a throwaway data folder.
import { type ChildProcess, spawn } from 'node:child_process';

export { freePort } from '../../platform/local-server.ts';

export interface Started {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first output match, rejects if the process exits or the time runs out. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startScript(script: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, [script], {
    cwd: new URL('../../', import.meta.url).pathname,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  for (const s of [child.stdout, child.stderr]) {
    s?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      for (const l of listeners) l();
    });
  }
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    output: () => out,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (m) {
            cleanup();
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}; output:\n${out.slice(-4000)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        exited.then((code) => {
          if (listeners.has(check)) {
            cleanup();
            reject(
              new Error(`${script} exited with ${code} before ${pattern}; output:\n${out.slice(-4000)}`),
            );
          }
        });
        listeners.add(check);
        check();
      }),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
