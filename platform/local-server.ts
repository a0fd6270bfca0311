// Helpers for the servers a process starts beside itself on this machine (the Temporal dev server,
// the embedded PostgreSQL, test and benchmark stacks): free ports, a probe, and a watchdog.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A port nobody listens on now; another process may still take it before we do. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Stops the server if this process dies without calling stop(), even by SIGKILL (which no exit
 * handler sees): a shell blocked reading our end of a pipe wakes when the kernel closes it.
 * Otherwise each killed `npm start` or test run leaves a server holding its ports and data.
 * The signal is the server's own "shut down now"; SIGKILL follows if it is still there after 10 s.
 */
export function orphanWatchdog(pid: number, signal: 'TERM' | 'INT' = 'TERM'): ChildProcess {
  const script =
    `read _; kill -${signal} ${pid} 2>/dev/null; i=0; ` +
    `while kill -0 ${pid} 2>/dev/null && [ $i -lt 20 ]; do sleep 0.5; i=$((i+1)); done; kill -KILL ${pid} 2>/dev/null`;
  const watchdog = spawn('sh', ['-c', script], { stdio: ['pipe', 'ignore', 'ignore'] });
  watchdog.on('error', () => undefined);
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog;
}
