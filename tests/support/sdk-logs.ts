import { DefaultLogger, Runtime } from '@temporalio/worker';

/** The SDK logs every state change at INFO; tests report their own failures. */
export function quietSdkLogs(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Already installed in this process by an earlier test file: keep that one.
  }
}
