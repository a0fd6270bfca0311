// One real Temporal dev server per test run, on a free port with an in-memory store. It runs the
// same CLI binary `npm start` uses (platform/temporal.ts); only with no binary and no Go does it
// fall back to the SDK's own download, which needs internet access.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../platform/config.ts';
import { freePort } from '../../platform/local-server.ts';
import { type DevServer, resolveTemporalCli, startDevServer } from '../../platform/temporal.ts';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes.ts';

export interface TestTemporal {
  address: string;
  /** The binary that runs the server; empty when the SDK downloaded its own. */
  cliPath: string;
  namespace: string;
  stop(): Promise<void>;
}

export async function startTestTemporal(): Promise<TestTemporal> {
  const config = loadConfig({ TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH });
  const cliPath = await resolveTemporalCli(config);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      executable: cliPath ? { type: 'existing-path', path: cliPath } : undefined,
      searchAttributes: [...SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: 'warn' },
    },
  });
  return {
    address: env.address,
    cliPath: cliPath ?? '',
    namespace: env.namespace ?? 'default',
    stop: () => env.teardown(),
  };
}

export interface PersistentTemporal {
  address: string;
  /** Stops the server; its database file stays, so start() resumes every workflow and timer. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A dev server of its own on fixed ports with its history in `dataDir/temporal.db`, as `npm start`
 * runs it (platform/temporal.ts): for tests that restart Temporal under running workflows.
 */
export async function startPersistentTemporal(dataDir: string, cliPath: string): Promise<PersistentTemporal> {
  const config = loadConfig({
    TEMPORAL_CLI_PATH: cliPath || undefined,
    DATA_DIR: dataDir,
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
  });
  let server: DevServer | undefined;
  const start = async () => {
    server = await startDevServer(config, { log: () => undefined });
  };
  await start();
  return {
    address: server!.address,
    start,
    async stop() {
      await server?.stop();
      server = undefined;
    },
  };
}
